#include "bench/roster_dataset.h"

#include <algorithm>
#include <array>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/mix.h"
#include "common/civil_date.h"

namespace haicap::bench {
namespace {

namespace v1 = ::haicap::registry::v1;

constexpr char kProvinceKey[] = "P01";
constexpr int kCellsPerGrassrootsCommittee = 3;
// Member weights of the kinds that hold members (see PlanProvince).
constexpr int64_t kGrassrootsCommitteeWeight = 10;
constexpr int64_t kCellWeight = 6;
constexpr int64_t kGrassrootsCellWeight = 1;

constexpr std::array kSurnames = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ",
                                  "Đặng",   "Bùi",  "Đỗ", "Hồ",   "Ngô",   "Dương", "Lý",   "Đinh", "Trịnh"};
constexpr std::array kMaleMiddles = {"Văn", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Công", "Xuân"};
constexpr std::array kFemaleMiddles = {"Thị", "Ngọc", "Thu", "Thanh", "Minh", "Kim", "Thúy", "Hồng"};
constexpr std::array kMaleGivens = {"An",   "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long",
                                    "Nam",  "Phong", "Quân", "Sơn",  "Thắng", "Tuấn", "Việt", "Vinh"};
constexpr std::array kFemaleGivens = {"Anh", "Dung", "Hà",    "Hạnh",  "Hoa",   "Hương", "Lan",  "Linh",
                                      "Mai", "Nga",  "Phương", "Quỳnh", "Thảo", "Trang", "Uyên", "Yến"};

template <typename Array>
const char* Pick(const Array& choices, uint64_t bits) {
  return choices[bits % choices.size()];
}

PlannedOrganization Establish(std::string key, std::string name, v1::OrganizationKind kind, std::string parent_key,
                              std::string admin_unit_code, absl::CivilDay day, int commune) {
  PlannedOrganization planned;
  planned.commune = commune;
  planned.grassroots = kind == v1::GRASSROOTS_COMMITTEE || kind == v1::GRASSROOTS_CELL;
  v1::OrganizationImportRow& row = planned.row;
  row.set_action("establish");
  row.set_key(std::move(key));
  row.set_name(std::move(name));
  row.set_kind(kind);
  row.set_parent_key(std::move(parent_key));
  row.set_admin_unit_code(std::move(admin_unit_code));
  *row.mutable_effective_date() = ToProtoDate(day);
  row.mutable_decision()->set_number("BENCH-QĐ/TU");
  return planned;
}

// The provincial committee and one commune committee per commune.
std::vector<PlannedOrganization> PlanCommittees(const std::vector<Commune>& communes) {
  std::vector<PlannedOrganization> plan;
  plan.push_back(Establish(kProvinceKey, "Đảng bộ Thành phố Hà Nội", v1::PROVINCIAL_COMMITTEE, "", "01",
                           absl::CivilDay(1930, 3, 1), -1));
  for (size_t c = 0; c < communes.size(); ++c) {
    plan.push_back(Establish(absl::StrCat("X", communes[c].code), absl::StrCat("Đảng bộ ", communes[c].name),
                             v1::COMMUNE_COMMITTEE, kProvinceKey, communes[c].code, DataSetEstablishmentDay(),
                             static_cast<int>(c)));
  }
  return plan;
}

// Numbers the rows in file order.
void NumberLines(std::vector<PlannedOrganization>* plan) {
  for (size_t i = 0; i < plan->size(); ++i) (*plan)[i].row.set_line(static_cast<int64_t>(i + 1));
}

}  // namespace

absl::CivilDay DataSetEstablishmentDay() { return absl::CivilDay(2020, 1, 1); }

std::vector<PlannedOrganization> PlanProvince(const std::vector<Commune>& communes, int organizations,
                                              int64_t members) {
  std::vector<PlannedOrganization> plan = PlanCommittees(communes);
  const absl::CivilDay day = DataSetEstablishmentDay();
  // Per commune, grassroots organisations come in the cycle: a committee with its cells, then two
  // grassroots cells. Communes take turns, so each gets an even share.
  std::vector<int> grassroots_made(communes.size(), 0);
  for (size_t turn = 0; static_cast<int>(plan.size()) < organizations; ++turn) {
    const int c = static_cast<int>(turn % communes.size());
    const int n = ++grassroots_made[c];
    const std::string commune_key = absl::StrCat("X", communes[c].code);
    const std::string& place = communes[c].name;
    if (n % 3 == 1) {
      const std::string key = absl::StrCat(commune_key, "-D", n);
      plan.push_back(Establish(key, absl::StrCat("Đảng bộ cơ sở số ", n, ", ", place), v1::GRASSROOTS_COMMITTEE,
                               commune_key, "", day, c));
      for (int m = 1; m <= kCellsPerGrassrootsCommittee && static_cast<int>(plan.size()) < organizations; ++m) {
        plan.push_back(Establish(absl::StrCat(key, "-C", m),
                                 absl::StrCat("Chi bộ ", m, ", Đảng bộ cơ sở số ", n, ", ", place), v1::CELL, key,
                                 "", day, c));
      }
    } else {
      plan.push_back(Establish(absl::StrCat(commune_key, "-B", n), absl::StrCat("Chi bộ cơ sở số ", n, ", ", place),
                               v1::GRASSROOTS_CELL, commune_key, "", day, c));
    }
  }
  NumberLines(&plan);

  auto weight = [](const PlannedOrganization& p) -> int64_t {
    switch (p.row.kind()) {
      case v1::GRASSROOTS_COMMITTEE: return kGrassrootsCommitteeWeight;
      case v1::CELL: return kCellWeight;
      case v1::GRASSROOTS_CELL: return kGrassrootsCellWeight;
      default: return 0;
    }
  };
  int64_t total_weight = 0;
  for (const PlannedOrganization& p : plan) total_weight += weight(p);
  if (total_weight == 0) return plan;
  int64_t assigned = 0;
  for (PlannedOrganization& p : plan) {
    p.members = members * weight(p) / total_weight;
    assigned += p.members;
  }
  // What the rounding left over goes one by one to the organisations that hold members.
  for (size_t i = 0; assigned < members; i = (i + 1) % plan.size()) {
    if (weight(plan[i]) == 0) continue;
    ++plan[i].members;
    ++assigned;
  }
  return plan;
}

std::vector<PlannedOrganization> PlanImportTree(const std::vector<Commune>& communes, int cells, int64_t members) {
  std::vector<PlannedOrganization> plan = PlanCommittees(communes);
  const absl::CivilDay day = DataSetEstablishmentDay();
  for (int i = 0; i < cells; ++i) {
    const int c = i % static_cast<int>(communes.size());
    const int n = i / static_cast<int>(communes.size()) + 1;
    PlannedOrganization cell =
        Establish(absl::StrCat("X", communes[c].code, "-B", n), absl::StrCat("Chi bộ cơ sở số ", n, ", ", communes[c].name),
                  v1::GRASSROOTS_CELL, absl::StrCat("X", communes[c].code), "", day, c);
    cell.members = members / cells + (i < members % cells ? 1 : 0);
    plan.push_back(std::move(cell));
  }
  NumberLines(&plan);
  return plan;
}

v1::MemberImportRow MemberRow(int64_t index, const std::string& organization_key, absl::CivilDay effective) {
  const uint64_t h = Mix(static_cast<uint64_t>(index));
  const uint64_t g = Mix(h);
  const bool female = (h & 1) != 0;
  v1::MemberImportRow row;
  row.set_line(index + 1);
  row.set_organization_key(organization_key);
  *row.mutable_effective_date() = ToProtoDate(effective);
  v1::Member* m = row.mutable_member();
  m->set_full_name(absl::StrCat(Pick(kSurnames, h >> 8), " ",
                                female ? Pick(kFemaleMiddles, h >> 16) : Pick(kMaleMiddles, h >> 16), " ",
                                female ? Pick(kFemaleGivens, h >> 24) : Pick(kMaleGivens, h >> 24)));
  m->set_sex(female ? v1::FEMALE : v1::MALE);
  const absl::CivilDay admitted(2000 + static_cast<int>(g % 20), 1 + static_cast<int>((g >> 8) % 12),
                                1 + static_cast<int>((g >> 16) % 28));
  const absl::CivilDay born(admitted.year() - 20 - static_cast<int>((g >> 24) % 26),
                            1 + static_cast<int>((g >> 32) % 12), 1 + static_cast<int>((g >> 40) % 28));
  *m->mutable_admitted_on() = ToProtoDate(admitted);
  *m->mutable_date_of_birth() = ToProtoDate(born);
  // Hà Nội's prefix, then the index: unique for up to 10^9 members.
  m->set_citizen_id(absl::StrFormat("001%09d", index));
  m->set_status(v1::OFFICIAL);
  return row;
}

MemberRows::MemberRows(const std::vector<PlannedOrganization>& plan) {
  int64_t cumulated = 0;
  for (const PlannedOrganization& p : plan) {
    if (p.members == 0) continue;
    cumulated += p.members;
    ends_.push_back(cumulated);
    keys_.push_back(p.row.key());
  }
}

void MemberRows::Fill(int64_t first, int64_t count, v1::ImportMembersRequest* request) const {
  request->clear_rows();
  const int64_t end = std::min(first + count, total());
  // The organisation holding row `first`: the first whose cumulated end lies beyond it.
  size_t org = std::upper_bound(ends_.begin(), ends_.end(), first) - ends_.begin();
  for (int64_t index = first; index < end; ++index) {
    while (ends_[org] <= index) ++org;
    *request->add_rows() = MemberRow(index, keys_[org], DataSetEstablishmentDay());
  }
}

}  // namespace haicap::bench
