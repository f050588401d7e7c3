#include "common/text/text.h"

#include <algorithm>
#include <memory>
#include <vector>
#include <mutex>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "common/errors.h"
#include "unicode/coll.h"
#include "unicode/translit.h"
#include "unicode/uchar.h"
#include "unicode/unistr.h"
#include "unicode/utf8.h"

namespace haicap::text {
namespace {

// Decompose, drop combining marks (tones and hooks), lower-case; đ/Đ are mapped before, as they
// are letters of their own rather than d with a mark.
std::unique_ptr<icu::Transliterator> MakeFolder() {
  UErrorCode error = U_ZERO_ERROR;
  UParseError parse_error;
  std::unique_ptr<icu::Transliterator> base(icu::Transliterator::createInstance(
      "NFD; [:Nonspacing Mark:] Remove; Lower; NFC", UTRANS_FORWARD, parse_error, error));
  if (U_FAILURE(error)) return nullptr;
  return base;
}

bool IsValidUtf8(std::string_view s, int* code_points, bool* has_control) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  *code_points = 0;
  *has_control = false;
  while (i < n) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, n, c);
    if (c < 0) return false;
    if (u_iscntrl(c)) *has_control = true;
    ++*code_points;
  }
  return true;
}

}  // namespace

absl::Status ValidateName(std::string_view field, std::string_view value, int max_chars) {
  int code_points = 0;
  bool has_control = false;
  if (!IsValidUtf8(value, &code_points, &has_control)) return InvalidArgument(field, "is not valid UTF-8");
  if (has_control) return InvalidArgument(field, "must not contain control characters");
  if (value.find_first_not_of(' ') == std::string_view::npos) return InvalidArgument(field, "is required");
  if (code_points > max_chars) {
    return InvalidArgument(field, "must be at most " + std::to_string(max_chars) + " characters");
  }
  return absl::OkStatus();
}

std::string FoldForSearch(std::string_view utf8) {
  int code_points = 0;
  bool has_control = false;
  if (!IsValidUtf8(utf8, &code_points, &has_control)) return "";
  // Transliterators are not safe to share between threads; keep one per thread.
  thread_local std::unique_ptr<icu::Transliterator> folder = MakeFolder();
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
  u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x0110)), icu::UnicodeString("d"));
  u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x0111)), icu::UnicodeString("d"));
  if (folder) folder->transliterate(u);
  std::string raw;
  u.toUTF8String(raw);
  std::string out;
  for (char c : raw) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool LookAlike(std::string_view a, std::string_view b) {
  const std::string folded = FoldForSearch(a);
  return !folded.empty() && folded == FoldForSearch(b);
}

bool MatchesQuery(std::string_view folded_text, std::string_view folded_query) {
  const std::vector<absl::string_view> words =
      absl::StrSplit(absl::string_view(folded_text.data(), folded_text.size()), ' ', absl::SkipEmpty());
  for (absl::string_view wanted : absl::StrSplit(absl::string_view(folded_query.data(), folded_query.size()),
                                                 ' ', absl::SkipEmpty())) {
    const bool found = std::any_of(words.begin(), words.end(),
                                   [&](absl::string_view word) { return absl::StartsWith(word, wanted); });
    if (!found) return false;
  }
  return true;
}

std::string CollationKey(std::string_view utf8) {
  thread_local std::unique_ptr<icu::Collator> collator = [] {
    UErrorCode error = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale("vi"), error));
    return U_FAILURE(error) ? nullptr : std::move(c);
  }();
  if (!collator) return std::string(utf8);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
  std::string key(64, '\0');
  int32_t size = collator->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), static_cast<int32_t>(key.size()));
  if (size > static_cast<int32_t>(key.size())) {
    key.resize(size);
    size = collator->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), size);
  }
  key.resize(size > 0 ? size - 1 : 0);  // drop the terminating NUL
  return key;
}

}  // namespace haicap::text
