// The synthetic data sets of haicap-bench-roster: a province's party organisations and members,
// generated deterministically (the same arguments give the same rows), in file order — parents
// before their children, each organisation's members together, as a spreadsheet would list them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "bench/communes.h"
#include "haicap/registry/v1/registry.pb.h"

namespace haicap::bench {

// One organisation of a data set, with the members it is to receive.
struct PlannedOrganization {
  registry::v1::OrganizationImportRow row;  // an "establish" row; `line` is its position, from 1
  int commune = -1;                         // index of the commune it sits under; -1 for the province
  bool grassroots = false;                  // a direct child of a commune committee
  int64_t members = 0;
};

// The province data set: the provincial committee of Hà Nội ("01", established 1930-03-01), one
// commune committee per entry of `communes`, and under them, round robin, grassroots committees
// (each with three cells) and grassroots cells, effective 2020-01-01, until `organizations` in all
// (at least 1 + communes.size()). `members` are spread over the organisations that hold members,
// weighted 10 : 6 : 1 for grassroots committees, cells and grassroots cells (which stay under 30
// members at the default sizes, so they raise no size findings).
std::vector<PlannedOrganization> PlanProvince(const std::vector<Commune>& communes, int organizations,
                                              int64_t members);

// The import data set: the provincial committee, one commune committee per entry of `communes` and
// `cells` grassroots cells spread evenly over them; `members` spread evenly over the cells.
std::vector<PlannedOrganization> PlanImportTree(const std::vector<Commune>& communes, int cells, int64_t members);

// The establishment day of the organisations below the province in both data sets.
absl::CivilDay DataSetEstablishmentDay();

// The `index`-th member (from 0) of a data set, in the organisation `organization_key`: an official
// member admitted between 2000 and 2019, born 20–45 years before, with a unique 12-digit citizen
// ID and a generated Vietnamese name, joining on `effective`. `line` is index + 1.
registry::v1::MemberImportRow MemberRow(int64_t index, const std::string& organization_key, absl::CivilDay effective);

// The member rows of a plan in file order: the organisations in plan order, each with its
// `members` rows (MemberRow, effective on DataSetEstablishmentDay()) together. Thread-safe.
class MemberRows {
 public:
  explicit MemberRows(const std::vector<PlannedOrganization>& plan);

  int64_t total() const { return ends_.empty() ? 0 : ends_.back(); }

  // Replaces the rows of `request` with rows [first, first + count), clipped to total().
  void Fill(int64_t first, int64_t count, registry::v1::ImportMembersRequest* request) const;

 private:
  std::vector<int64_t> ends_;     // ends_[i]: rows of organisations 0..i, cumulated
  std::vector<std::string> keys_;  // keys_[i]: the key of organisation i
};

}  // namespace haicap::bench
