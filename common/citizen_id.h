// Citizen IDs (căn cước công dân, CCCD): 12 digits. They are personal data: nothing here repeats
// an ID in a message.
#pragma once

#include <string>
#include <string_view>

namespace haicap {

// What is wrong with `id` as a citizen ID, for a person, or "" when it is 12 digits. An ID of 11
// digits gets a hint: a spreadsheet that read the column as a number dropped its leading zero.
std::string CitizenIdProblem(std::string_view id);

}  // namespace haicap
