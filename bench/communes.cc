#include "bench/communes.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/text/csv_table.h"

namespace haicap::bench {
namespace {

constexpr char kUnitsHeader[] = "province_code,province_name,province_type,commune_code,commune_name,commune_type";

}  // namespace

absl::StatusOr<std::vector<Commune>> ReadCommunes(const std::string& path, const std::string& province_code,
                                                  int count) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::InvalidArgumentError(absl::StrCat("cannot read ", path));
  std::stringstream text;
  text << file.rdbuf();
  const std::string content = text.str();
  ASSIGN_OR_RETURN(std::vector<text::CsvRow> rows, text::ReadCsvTable(path, content, kUnitsHeader));
  std::vector<Commune> communes;
  for (const text::CsvRow& row : rows) {
    if (static_cast<int>(communes.size()) == count) break;
    if (row.fields[0] == province_code) communes.push_back({std::string(row.fields[3]), std::string(row.fields[4])});
  }
  if (static_cast<int>(communes.size()) < count) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, " lists ", communes.size(), " communes of province ", province_code, ", not ", count));
  }
  return communes;
}

}  // namespace haicap::bench
