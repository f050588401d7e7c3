// Vietnamese text: validation of user-supplied names and the folding used by name search.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace haicap::text {

// OK when `value` is valid UTF-8 with no control characters, not blank, and at most `max_chars`
// characters (code points); otherwise INVALID_ARGUMENT naming `field`.
absl::Status ValidateName(std::string_view field, std::string_view value, int max_chars);

// Lower case without diacritics, đ → d, runs of spaces folded: "Đảng bộ  Phường PHÚC LỢI" →
// "dang bo phuong phuc loi". Thread-safe. Invalid UTF-8 yields an empty string.
std::string FoldForSearch(std::string_view utf8);

// True when `a` and `b` fold alike (FoldForSearch) to a non-empty text: they are the same name
// but for case, diacritics or spacing, as "Chi bộ Khu phố 1" and "Chi bo khu pho 1" are — likely
// one name typed twice. Thread-safe.
bool LookAlike(std::string_view a, std::string_view b);

// True when every space-separated word of the folded `query` begins a word of the folded `text`:
// "nguyen van an" matches "nguyen van an" and "nguyen van anh", not "nguyen minh van".
bool MatchesQuery(std::string_view folded_text, std::string_view folded_query);

// A byte string whose byte order is the Vietnamese alphabetical order of the names (ICU "vi"
// collation: a ă â b c d đ e ê ..., tones after letters). Thread-safe.
std::string CollationKey(std::string_view utf8);

}  // namespace haicap::text
