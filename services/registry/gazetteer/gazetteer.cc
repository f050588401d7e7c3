#include "services/registry/gazetteer/gazetteer.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>

#include "common/errors.h"
#include "common/pagination.h"
#include "common/status_macros.h"
#include "common/storage/key_codec.h"
#include "common/text/csv_table.h"
#include "common/text/text.h"
#include "services/registry/gazetteer/embedded_csv.h"
#include "unicode/normalizer2.h"
#include "unicode/unistr.h"
#include "unicode/ustring.h"

namespace haicap::registry {
namespace {

using ::haicap::text::CsvRow;
using ::haicap::text::ReadCsvTable;
using v1::AdminUnit;
using v1::FormerUnit;
using v1::ListAdminUnitsRequest;
using v1::ListAdminUnitsResponse;

constexpr std::string_view kCurrentFile = "admin-units-2025-07.csv";
constexpr std::string_view kCurrentHeader =
    "province_code,province_name,province_type,commune_code,commune_name,commune_type";
constexpr std::string_view kOldToNewFile = "admin-units-old-to-new-2025-07.csv";
constexpr std::string_view kOldToNewHeader =
    "new_province_code,new_commune_name,new_commune_code,old_commune_name,old_commune_code,merge,"
    "old_district_code,old_district_name,old_province_code,old_province_name";

constexpr std::string_view kProvinceTypes[] = {"tỉnh", "thành phố trung ương"};
constexpr std::string_view kCommuneTypes[] = {"xã", "phường", "đặc khu"};
constexpr std::string_view kMergeKinds[] = {"whole", "part", "unchanged", "renamed", "retyped"};

constexpr int kMaxNameQueryChars = 200;

constexpr size_t kProvinceCodeDigits = 2;
constexpr size_t kDistrictCodeDigits = 3;
constexpr size_t kCommuneCodeDigits = 5;

bool IsDigits(std::string_view s, size_t count) {
  return s.size() == count && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsOneOf(std::string_view value, std::span<const std::string_view> allowed) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

bool IsUtf8(std::string_view s) {
  UErrorCode error = U_ZERO_ERROR;
  int32_t length = 0;
  u_strFromUTF8(nullptr, 0, &length, s.data(), static_cast<int32_t>(s.size()), &error);
  return error != U_INVALID_CHAR_FOUND;
}

// NFC, trimmed, single spaces: the old-to-new file has a few decomposed letters and doubled spaces.
// REQUIRES: IsUtf8(raw).
std::string CleanName(std::string_view raw) {
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(error);
  std::string name;
  if (U_SUCCESS(error)) {
    nfc->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(raw.data(), raw.size())), error)
        .toUTF8String(name);
  }
  if (U_FAILURE(error)) name.assign(raw);
  std::string out;
  for (char c : name) {
    if (c != ' ' || (!out.empty() && out.back() != ' ')) out.push_back(c);
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

absl::Status RowError(std::string_view file_name, const CsvRow& row, const std::string& problem) {
  std::string message(file_name);
  message.append(" line ").append(std::to_string(row.line)).append(": ").append(problem);
  return absl::InvalidArgumentError(message);
}

// The cleaned name in field `column` of `row`; an error when it is not UTF-8, or empty and
// `required`.
absl::StatusOr<std::string> NameField(std::string_view file_name, const CsvRow& row, size_t column,
                                      std::string_view column_name, bool required) {
  if (!IsUtf8(row.fields[column]))
    return RowError(file_name, row, std::string(column_name) + " is not valid UTF-8");
  std::string name = CleanName(row.fields[column]);
  if (required && name.empty()) return RowError(file_name, row, std::string(column_name) + " is empty");
  return name;
}

// Adds the problems of the filters of `request` to `errors`, each naming its field.
void CheckFilters(const ListAdminUnitsRequest& request, ValidationErrors& errors) {
  const std::string& province_code = request.province_code();
  const std::string& former_code = request.former_code();
  if (!v1::AdminUnitLevel_IsValid(request.level())) {
    errors.Add(InvalidArgument("level", "must be PROVINCE, COMMUNE or unspecified"));
  }
  if (!province_code.empty() && !IsDigits(province_code, kProvinceCodeDigits)) {
    errors.Add(InvalidArgument("province_code", "must be 2 digits"));
  }
  if (!former_code.empty() && !IsDigits(former_code, kDistrictCodeDigits) &&
      !IsDigits(former_code, kCommuneCodeDigits)) {
    errors.Add(
        InvalidArgument("former_code", "must be a 5-digit old commune code or a 3-digit old district code"));
  }
  if (request.level() == v1::PROVINCE) {
    if (!province_code.empty())
      errors.Add(InvalidArgument("province_code", "selects communes: not with level PROVINCE"));
    if (!former_code.empty())
      errors.Add(InvalidArgument("former_code", "selects communes: not with level PROVINCE"));
  }
  if (request.name_query().find_first_not_of(' ') != std::string::npos) {
    errors.Add(text::ValidateName("name_query", request.name_query(), kMaxNameQueryChars));
  }
}

}  // namespace

// Fills a Gazetteer from the two CSV files, checking every row.
class Gazetteer::Builder {
 public:
  absl::StatusOr<std::unique_ptr<Gazetteer>> Build(std::string_view current_csv,
                                                   std::string_view old_to_new_csv) {
    ASSIGN_OR_RETURN(std::vector<CsvRow> current, ReadCsvTable(kCurrentFile, current_csv, kCurrentHeader));
    ASSIGN_OR_RETURN(std::vector<CsvRow> old_to_new,
                     ReadCsvTable(kOldToNewFile, old_to_new_csv, kOldToNewHeader));
    RETURN_IF_ERROR(AddCurrentUnits(current));
    RETURN_IF_ERROR(AddFormerUnits(old_to_new));
    return std::move(gazetteer_);
  }

 private:
  absl::Status AddCurrentUnits(const std::vector<CsvRow>& rows) {
    std::map<std::string, Province, std::less<>> provinces;
    std::map<std::string, std::pair<Commune, std::string>, std::less<>> communes;  // with province code
    for (const CsvRow& row : rows) {
      const auto& f = row.fields;
      std::string_view province_code = f[0], commune_code = f[3];
      ASSIGN_OR_RETURN(std::string province_name, NameField(kCurrentFile, row, 1, "province_name", true));
      ASSIGN_OR_RETURN(std::string commune_name, NameField(kCurrentFile, row, 4, "commune_name", true));
      if (!IsDigits(province_code, kProvinceCodeDigits))
        return RowError(kCurrentFile, row, "province_code must be 2 digits");
      if (!IsDigits(commune_code, kCommuneCodeDigits))
        return RowError(kCurrentFile, row, "commune_code must be 5 digits");
      if (!IsOneOf(f[2], kProvinceTypes)) return RowError(kCurrentFile, row, "unknown province_type");
      if (!IsOneOf(f[5], kCommuneTypes)) return RowError(kCurrentFile, row, "unknown commune_type");

      auto [province, new_province] = provinces.try_emplace(std::string(province_code));
      if (new_province) {
        province->second = Province{std::string(province_code), province_name, std::string(f[2]),
                                    text::FoldForSearch(province_name), 0};
      } else if (province->second.name != province_name || province->second.type != f[2]) {
        return RowError(
            kCurrentFile, row,
            "province " + std::string(province_code) + " has another name or type on an earlier line");
      }
      ++province->second.commune_count;
      Commune commune{std::string(commune_code),
                      commune_name,
                      std::string(f[5]),
                      text::FoldForSearch(commune_name),
                      0,
                      {}};
      if (!communes.try_emplace(commune.code, std::move(commune), std::string(province_code)).second) {
        return RowError(kCurrentFile, row, "commune " + std::string(commune_code) + " is listed twice");
      }
    }
    std::map<std::string_view, int> province_index;
    for (auto& [code, province] : provinces) {
      province_index[code] = static_cast<int>(gazetteer_->provinces_.size());
      gazetteer_->provinces_.push_back(std::move(province));
    }
    for (auto& [code, entry] : communes) {
      entry.first.province_index = province_index.at(entry.second);
      gazetteer_->communes_.push_back(std::move(entry.first));
    }
    return absl::OkStatus();
  }

  // new_commune_name (field 1) is not used: the current list is authoritative, and the old-to-new
  // file spells some names with old-style tone marks ("Hoà" for "Hòa").
  absl::Status AddFormerUnits(const std::vector<CsvRow>& rows) {
    for (const CsvRow& row : rows) {
      const auto& f = row.fields;
      std::string_view new_province_code = f[0], new_commune_code = f[2], old_commune_code = f[4],
                       merge = f[5], old_district_code = f[6], old_province_code = f[8];
      const int commune_index = gazetteer_->CommuneIndex(new_commune_code);
      if (commune_index < 0) {
        return RowError(kOldToNewFile, row,
                        "new_commune_code " + std::string(new_commune_code) + " is not a current commune");
      }
      Commune* commune = &gazetteer_->communes_[commune_index];
      if (gazetteer_->provinces_[commune->province_index].code != new_province_code) {
        return RowError(kOldToNewFile, row, "new_province_code does not match the commune's province");
      }
      if (!old_commune_code.empty() && !IsDigits(old_commune_code, kCommuneCodeDigits)) {
        return RowError(kOldToNewFile, row, "old_commune_code must be empty or 5 digits");
      }
      if (!IsOneOf(merge, kMergeKinds)) return RowError(kOldToNewFile, row, "unknown merge");
      if (!IsDigits(old_district_code, kDistrictCodeDigits)) {
        return RowError(kOldToNewFile, row, "old_district_code must be 3 digits");
      }
      if (!IsDigits(old_province_code, kProvinceCodeDigits)) {
        return RowError(kOldToNewFile, row, "old_province_code must be 2 digits");
      }
      ASSIGN_OR_RETURN(std::string old_commune_name,
                       NameField(kOldToNewFile, row, 3, "old_commune_name", false));
      ASSIGN_OR_RETURN(std::string old_district_name,
                       NameField(kOldToNewFile, row, 7, "old_district_name", true));
      ASSIGN_OR_RETURN(std::string old_province_name,
                       NameField(kOldToNewFile, row, 9, "old_province_name", true));
      FormerUnit& former = commune->former_units.emplace_back();
      former.set_commune_code(std::string(old_commune_code));
      former.set_commune_name(std::move(old_commune_name));
      former.set_district_code(std::string(old_district_code));
      former.set_district_name(std::move(old_district_name));
      former.set_province_code(std::string(old_province_code));
      former.set_province_name(std::move(old_province_name));
      former.set_merge(std::string(merge));

      const int unit = static_cast<int>(gazetteer_->provinces_.size()) + commune_index;
      if (!old_commune_code.empty())
        AddIndexEntry(gazetteer_->communes_by_former_commune_[std::string(old_commune_code)], unit);
      AddIndexEntry(gazetteer_->communes_by_former_district_[std::string(old_district_code)], unit);
    }
    return absl::OkStatus();
  }

  // Keeps `units` ascending and free of duplicates.
  static void AddIndexEntry(std::vector<int>& units, int unit) {
    auto at = std::lower_bound(units.begin(), units.end(), unit);
    if (at == units.end() || *at != unit) units.insert(at, unit);
  }

  std::unique_ptr<Gazetteer> gazetteer_{new Gazetteer()};
};

absl::StatusOr<std::unique_ptr<Gazetteer>> Gazetteer::LoadEmbedded() {
  return Parse(embedded_csv::CurrentUnits(), embedded_csv::OldToNew());
}

absl::StatusOr<std::unique_ptr<Gazetteer>> Gazetteer::Parse(std::string_view current_csv,
                                                            std::string_view old_to_new_csv) {
  return Builder().Build(current_csv, old_to_new_csv);
}

AdminUnit Gazetteer::ProvinceUnit(const Province& province) {
  AdminUnit unit;
  unit.set_code(province.code);
  unit.set_name(province.name);
  unit.set_level(v1::PROVINCE);
  unit.set_type(province.type);
  unit.set_commune_count(province.commune_count);
  return unit;
}

AdminUnit Gazetteer::CommuneUnit(const Commune& commune) const {
  const Province& province = provinces_[commune.province_index];
  AdminUnit unit;
  unit.set_code(commune.code);
  unit.set_name(commune.name);
  unit.set_level(v1::COMMUNE);
  unit.set_type(commune.type);
  unit.set_province_code(province.code);
  unit.set_province_name(province.name);
  return unit;
}

absl::StatusOr<AdminUnit> Gazetteer::Get(std::string_view code) const {
  if (code.empty()) return InvalidArgument("code", "is required");
  if (IsDigits(code, kProvinceCodeDigits)) {
    if (int index = ProvinceIndex(code); index >= 0) return ProvinceUnit(provinces_[index]);
  } else if (IsDigits(code, kCommuneCodeDigits)) {
    if (int index = CommuneIndex(code); index >= 0) {
      AdminUnit unit = CommuneUnit(communes_[index]);
      for (const FormerUnit& former : communes_[index].former_units) *unit.add_former_units() = former;
      return unit;
    }
  } else {
    return InvalidArgument("code", "must be a 2-digit province code or a 5-digit commune code");
  }
  return NotFound("ADMIN_UNIT_NOT_FOUND", "no administrative unit has code " + std::string(code));
}

absl::StatusOr<ListAdminUnitsResponse> Gazetteer::List(const ListAdminUnitsRequest& request) const {
  ValidationErrors errors;
  CheckFilters(request, errors);
  absl::StatusOr<int> page_size = CheckPageSize(request.page_size());
  errors.Add(page_size.status());
  const uint64_t fingerprint = FilterFingerprint(request);
  absl::StatusOr<int> offset = DecodeOffset(request.page_token(), fingerprint);
  errors.Add(offset.status());
  RETURN_IF_ERROR(errors.Result());
  const std::string& province_code = request.province_code();
  const std::string& former_code = request.former_code();
  const std::string folded_query = text::FoldForSearch(request.name_query());
  const bool communes_only = request.level() == v1::COMMUNE || !province_code.empty() || !former_code.empty();
  auto matches = [&](int index) {
    const bool is_province = index < static_cast<int>(provinces_.size());
    if (is_province && communes_only) return false;
    if (!is_province && request.level() == v1::PROVINCE) return false;
    const std::string& folded_name =
        is_province ? provinces_[index].folded_name : communes_[index - provinces_.size()].folded_name;
    if (!text::MatchesQuery(folded_name, folded_query)) return false;
    return is_province || province_code.empty() ||
           provinces_[communes_[index - provinces_.size()].province_index].code == province_code;
  };

  ListAdminUnitsResponse response;
  // Adds the unit numbered `index` if it matches; false once the page is full.
  auto add = [&](int index) {
    if (!matches(index)) return true;
    if (response.units_size() == *page_size) {
      response.set_next_page_token(
          EncodeNumberToken(fingerprint, index));
      return false;
    }
    *response.add_units() = UnitAt(index, former_code);
    return true;
  };
  if (former_code.empty()) {
    for (int index = *offset; index < unit_count(); ++index) {
      if (!add(index)) break;
    }
    return response;
  }
  // Only the communes the old commune or district went into.
  const auto& former_index =
      former_code.size() == kCommuneCodeDigits ? communes_by_former_commune_ : communes_by_former_district_;
  if (auto found = former_index.find(former_code); found != former_index.end()) {
    const std::vector<int>& units = found->second;
    for (auto it = std::lower_bound(units.begin(), units.end(), *offset); it != units.end(); ++it) {
      if (!add(*it)) break;
    }
  }
  return response;
}

absl::StatusOr<int> Gazetteer::DecodeOffset(std::string_view page_token, uint64_t fingerprint) const {
  ASSIGN_OR_RETURN(const uint64_t offset, DecodeNumberToken(page_token, fingerprint));
  if (offset > static_cast<uint64_t>(unit_count())) {
    return InvalidArgument("page_token", "is not a token this service issued");
  }
  return static_cast<int>(offset);
}

AdminUnit Gazetteer::UnitAt(int index, std::string_view former_code) const {
  if (index < static_cast<int>(provinces_.size())) return ProvinceUnit(provinces_[index]);
  const Commune& commune = communes_[index - provinces_.size()];
  AdminUnit unit = CommuneUnit(commune);
  for (const FormerUnit& former : commune.former_units) {
    const std::string& code =
        former_code.size() == kCommuneCodeDigits ? former.commune_code() : former.district_code();
    if (!former_code.empty() && code == former_code) *unit.add_former_units() = former;
  }
  return unit;
}

int Gazetteer::ProvinceIndex(std::string_view code) const {
  auto it = std::lower_bound(provinces_.begin(), provinces_.end(), code,
                             [](const Province& p, std::string_view c) { return p.code < c; });
  return it != provinces_.end() && it->code == code ? static_cast<int>(it - provinces_.begin()) : -1;
}

int Gazetteer::CommuneIndex(std::string_view code) const {
  auto it = std::lower_bound(communes_.begin(), communes_.end(), code,
                             [](const Commune& c, std::string_view k) { return c.code < k; });
  return it != communes_.end() && it->code == code ? static_cast<int>(it - communes_.begin()) : -1;
}

bool Gazetteer::IsProvince(std::string_view code) const {
  return IsDigits(code, kProvinceCodeDigits) && ProvinceIndex(code) >= 0;
}

bool Gazetteer::IsCommune(std::string_view code) const {
  return IsDigits(code, kCommuneCodeDigits) && CommuneIndex(code) >= 0;
}

std::string_view Gazetteer::ProvinceOf(std::string_view commune_code) const {
  const int index = IsDigits(commune_code, kCommuneCodeDigits) ? CommuneIndex(commune_code) : -1;
  return index < 0 ? std::string_view() : provinces_[communes_[index].province_index].code;
}

bool Gazetteer::IsFormerDistrict(std::string_view code) const {
  return IsDigits(code, kDistrictCodeDigits) && communes_by_former_district_.contains(code);
}

}  // namespace haicap::registry
