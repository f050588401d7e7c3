#include "common/citizen_id.h"

#include <algorithm>

#include "absl/strings/ascii.h"

namespace haicap {

std::string CitizenIdProblem(std::string_view id) {
  const bool digits = std::all_of(id.begin(), id.end(), [](char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)); });
  if (digits && id.size() == 12) return "";
  std::string problem = "a citizen ID (căn cước công dân) is exactly 12 digits";
  if (digits && id.size() == 11) {
    problem += "; this one has 11: a leading zero may have been lost: format the column as text";
  }
  return problem;
}

}  // namespace haicap
