// The administrative-unit gazetteer: Vietnam's 34 provinces and 3,321 communes in force since
// 1 July 2025 (Quyết định 19/2025/QĐ-TTg), and for every pre-July-2025 commune and district the new
// commune(s) it went into.
//
// The data is compiled into the binary from data/*.csv. A Gazetteer is immutable after
// construction: every method is const and safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "haicap/registry/v1/registry.pb.h"

namespace haicap::registry {

class Gazetteer {
 public:
  // The gazetteer of the CSV files embedded at build time. Fails only if those files are broken.
  static absl::StatusOr<std::unique_ptr<Gazetteer>> LoadEmbedded();

  // Builds a gazetteer from the text of the two CSV files (header line first; "\n" or "\r\n" line
  // ends; no quoted fields):
  //   current_csv:    province_code,province_name,province_type,commune_code,commune_name,commune_type
  //   old_to_new_csv: new_province_code,new_commune_name,new_commune_code,old_commune_name,
  //                   old_commune_code,merge,old_district_code,old_district_name,old_province_code,
  //                   old_province_name
  // A malformed file yields INVALID_ARGUMENT naming the file and the line number.
  static absl::StatusOr<std::unique_ptr<Gazetteer>> Parse(std::string_view current_csv,
                                                          std::string_view old_to_new_csv);

  Gazetteer(const Gazetteer&) = delete;
  Gazetteer& operator=(const Gazetteer&) = delete;

  // A province (2-digit code, with commune_count) or a commune (5-digit code, with its province
  // and the former units it was formed from). A malformed code is INVALID_ARGUMENT naming "code";
  // an unknown one is NOT_FOUND with reason ADMIN_UNIT_NOT_FOUND.
  absl::StatusOr<v1::AdminUnit> Get(std::string_view code) const;

  // Provinces by code, then communes by code, filtered by the request:
  //   level          PROVINCE or COMMUNE; unspecified means both.
  //   province_code  the communes of this province.
  //   name_query     every word occurs in the name, ignoring case and diacritics.
  //   former_code    a pre-July-2025 commune (5 digits) or district (3 digits): the new communes
  //                  that received all or part of it, each listing only the matching former units.
  // province_code and former_code select communes, so they cannot be combined with level PROVINCE.
  // page_size 0 means 100, at most 1000. page_token must come from a previous call with the same
  // filters. Bad input is INVALID_ARGUMENT naming the field.
  absl::StatusOr<v1::ListAdminUnitsResponse> List(const v1::ListAdminUnitsRequest& request) const;

  // True for a current 2-digit province code.
  bool IsProvince(std::string_view code) const;
  // True for a current 5-digit commune code.
  bool IsCommune(std::string_view code) const;
  // The province code of a current commune; empty for anything else. No copying (hot paths).
  std::string_view ProvinceOf(std::string_view commune_code) const;
  // True for a 3-digit pre-July-2025 district code of the old-to-new table.
  bool IsFormerDistrict(std::string_view code) const;

 private:
  struct Province {
    std::string code;
    std::string name;
    std::string type;
    std::string folded_name;
    int commune_count = 0;
  };
  struct Commune {
    std::string code;
    std::string name;
    std::string type;
    std::string folded_name;
    int province_index = 0;  // into provinces_
    std::vector<v1::FormerUnit> former_units;
  };
  class Builder;

  Gazetteer() = default;

  // Units are numbered in list order: provinces_ first, then communes_.
  int unit_count() const { return static_cast<int>(provinces_.size() + communes_.size()); }
  // The unit numbered `index`; a commune lists the former units whose commune code (5 digits) or
  // district code (3 digits) is `former_code`, none when it is empty.
  v1::AdminUnit UnitAt(int index, std::string_view former_code) const;
  v1::AdminUnit CommuneUnit(const Commune& commune) const;
  static v1::AdminUnit ProvinceUnit(const Province& province);
  // The unit number where the page of `page_token` starts (0 for an empty token).
  absl::StatusOr<int> DecodeOffset(std::string_view page_token, uint64_t fingerprint) const;
  // Positions in provinces_ / communes_, or -1.
  int ProvinceIndex(std::string_view code) const;
  int CommuneIndex(std::string_view code) const;

  std::vector<Province> provinces_;  // sorted by code
  std::vector<Commune> communes_;    // sorted by code
  // Unit numbers (as in UnitAt) of the new communes each old commune / old district went into,
  // ascending.
  std::map<std::string, std::vector<int>, std::less<>> communes_by_former_commune_;
  std::map<std::string, std::vector<int>, std::less<>> communes_by_former_district_;
};

}  // namespace haicap::registry
