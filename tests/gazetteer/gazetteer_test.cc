#include "services/registry/gazetteer/gazetteer.h"

#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/errors.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace haicap::registry {
namespace {

using ::haicap::testing::IsOk;
using ::haicap::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Property;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;
using v1::AdminUnit;
using v1::ListAdminUnitsRequest;

class GazetteerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = Gazetteer::LoadEmbedded();
    ASSERT_THAT(loaded, IsOk());
    gazetteer_ = loaded->release();
  }
  static void TearDownTestSuite() { delete gazetteer_; }

  // Every unit matching `request`, following next_page_token to the end.
  static std::vector<AdminUnit> ListAll(ListAdminUnitsRequest request) {
    std::vector<AdminUnit> units;
    do {
      auto page = gazetteer_->List(request);
      EXPECT_THAT(page, IsOk());
      if (!page.ok()) break;
      units.insert(units.end(), page->units().begin(), page->units().end());
      request.set_page_token(page->next_page_token());
    } while (!request.page_token().empty());
    return units;
  }

  static std::vector<std::string> Codes(const std::vector<AdminUnit>& units) {
    std::vector<std::string> codes;
    for (const AdminUnit& unit : units) codes.push_back(unit.code());
    return codes;
  }

  static const Gazetteer* gazetteer_;
};
const Gazetteer* GazetteerTest::gazetteer_ = nullptr;

// The field named by the first BadRequest violation of `status`.
std::string BadField(const absl::Status& status) {
  std::vector<FieldViolation> violations = FieldViolations(status);
  return violations.empty() ? "" : violations[0].field;
}

TEST_F(GazetteerTest, HasTheJuly2025Counts) {
  ListAdminUnitsRequest request;
  request.set_page_size(1000);
  std::vector<AdminUnit> units = ListAll(request);
  std::map<std::string, int> by_type;
  int provinces = 0, communes = 0, communes_counted_by_provinces = 0;
  for (const AdminUnit& unit : units) {
    if (unit.level() == v1::PROVINCE) {
      ++provinces;
      communes_counted_by_provinces += unit.commune_count();
    } else {
      ++communes;
      ++by_type[unit.type()];
    }
  }
  EXPECT_EQ(provinces, 34);
  EXPECT_EQ(communes, 3321);
  EXPECT_EQ(communes_counted_by_provinces, 3321);
  EXPECT_EQ(by_type["xã"], 2621);
  EXPECT_EQ(by_type["phường"], 687);
  EXPECT_EQ(by_type["đặc khu"], 13);
}

TEST_F(GazetteerTest, ListsProvincesByCodeThenCommunesByCode) {
  ListAdminUnitsRequest request;
  request.set_page_size(1000);
  std::vector<AdminUnit> units = ListAll(request);
  ASSERT_THAT(units, SizeIs(34 + 3321));
  EXPECT_EQ(units[0].code(), "01");
  EXPECT_EQ(units[33].code(), "96");
  EXPECT_EQ(units[34].code(), "00004");
  for (size_t i = 1; i < units.size(); ++i) {
    if (i == 34) continue;  // provinces end, communes start
    EXPECT_LT(units[i - 1].code(), units[i].code());
  }
}

TEST_F(GazetteerTest, GetsAProvinceWithItsCommuneCount) {
  auto hanoi = gazetteer_->Get("01");
  ASSERT_THAT(hanoi, IsOk());
  EXPECT_EQ(hanoi->name(), "Thành phố Hà Nội");
  EXPECT_EQ(hanoi->level(), v1::PROVINCE);
  EXPECT_EQ(hanoi->type(), "thành phố trung ương");
  EXPECT_EQ(hanoi->commune_count(), 126);
}

TEST_F(GazetteerTest, GetsACommuneWithItsFormerUnits) {
  auto phuc_loi = gazetteer_->Get("00136");
  ASSERT_THAT(phuc_loi, IsOk());
  EXPECT_EQ(phuc_loi->name(), "Phường Phúc Lợi");
  EXPECT_EQ(phuc_loi->level(), v1::COMMUNE);
  EXPECT_EQ(phuc_loi->type(), "phường");
  EXPECT_EQ(phuc_loi->province_code(), "01");
  EXPECT_EQ(phuc_loi->province_name(), "Thành phố Hà Nội");
  std::vector<std::string> former;
  for (const v1::FormerUnit& unit : phuc_loi->former_units()) {
    former.push_back(unit.commune_code() + " " + unit.commune_name() + " / " + unit.district_code() + " " +
                     unit.district_name() + " / " + unit.merge());
  }
  EXPECT_THAT(former, UnorderedElementsAre("00121 Phường Giang Biên / 004 Quận Long Biên / part",
                                           "00127 Phường Việt Hưng / 004 Quận Long Biên / part",
                                           "00136 Phường Phúc Lợi / 004 Quận Long Biên / part",
                                           "00148 Phường Thạch Bàn / 004 Quận Long Biên / part",
                                           "00151 Phường Phúc Đồng / 004 Quận Long Biên / part",
                                           "00553 Xã Cổ Bi / 018 Huyện Gia Lâm / part"));
}

TEST_F(GazetteerTest, RejectsMalformedCodesAndReportsUnknownOnes) {
  for (const char* code : {"", "1", "001", "0013", "001366", "0a136", " 0136", "01 "}) {
    auto unit = gazetteer_->Get(code);
    EXPECT_THAT(unit, StatusIs(absl::StatusCode::kInvalidArgument)) << "code '" << code << "'";
    EXPECT_EQ(BadField(unit.status()), "code");
  }
  for (const char* code : {"03", "99", "00001", "99999"}) {
    auto unit = gazetteer_->Get(code);
    EXPECT_THAT(unit, StatusIs(absl::StatusCode::kNotFound)) << code;
    EXPECT_EQ(ErrorReason(unit.status()), "ADMIN_UNIT_NOT_FOUND");
  }
}

TEST_F(GazetteerTest, AnOldCommuneSplitAcrossSeveralNewOnesListsThemAll) {
  // Phường Đại Mỗ (00634, Quận Nam Từ Liêm) was split between five new wards.
  ListAdminUnitsRequest request;
  request.set_former_code("00634");
  std::vector<AdminUnit> units = ListAll(request);
  EXPECT_THAT(Codes(units), ElementsAre("00622", "00634", "00637", "09556", "09886"));
  for (const AdminUnit& unit : units) {
    ASSERT_THAT(unit.former_units(), SizeIs(1)) << unit.code();
    EXPECT_EQ(unit.former_units(0).commune_code(), "00634");
    EXPECT_EQ(unit.former_units(0).commune_name(), "Phường Đại Mỗ");
    EXPECT_EQ(unit.former_units(0).merge(), "part");
  }
  EXPECT_EQ(units[1].name(), "Phường Tây Mỗ");  // the code now belongs to another ward
}

TEST_F(GazetteerTest, AnOldDistrictListsEveryNewCommuneThatReceivedPartOfIt) {
  // Quận Long Biên (004) went into seven new communes, two of them also taking from Gia Lâm.
  ListAdminUnitsRequest request;
  request.set_former_code("004");
  std::vector<AdminUnit> units = ListAll(request);
  EXPECT_THAT(Codes(units), ElementsAre("00097", "00118", "00127", "00136", "00145", "00565", "00577"));
  for (const AdminUnit& unit : units) {
    EXPECT_THAT(unit.former_units(), ::testing::Not(::testing::IsEmpty())) << unit.code();
    for (const v1::FormerUnit& former : unit.former_units()) {
      EXPECT_EQ(former.district_code(), "004") << unit.code();
      EXPECT_EQ(former.district_name(), "Quận Long Biên");
    }
  }
  EXPECT_THAT(units[3].former_units(), SizeIs(5));  // Phúc Lợi without Xã Cổ Bi of Gia Lâm
  EXPECT_TRUE(gazetteer_->IsFormerDistrict("004"));
  EXPECT_FALSE(gazetteer_->IsFormerDistrict("999"));
  EXPECT_FALSE(gazetteer_->IsFormerDistrict("00136"));
}

TEST_F(GazetteerTest, AnUnknownFormerCodeFindsNothing) {
  ListAdminUnitsRequest request;
  request.set_former_code("99999");
  EXPECT_THAT(ListAll(request), ::testing::IsEmpty());
}

TEST_F(GazetteerTest, NameSearchIgnoresDiacriticsAndCase) {
  ListAdminUnitsRequest request;
  request.set_name_query("phuc loi");
  EXPECT_THAT(Codes(ListAll(request)), ElementsAre("00136", "04363"));  // Hà Nội's ward, Lào Cai's xã
  request.set_name_query("PHUONG  phúc LỢI");
  EXPECT_THAT(Codes(ListAll(request)), ElementsAre("00136"));
  request.set_name_query("ha noi");
  request.set_level(v1::PROVINCE);
  EXPECT_THAT(Codes(ListAll(request)), ElementsAre("01"));
  request.set_name_query("dong da");
  request.set_level(v1::COMMUNE);
  request.set_province_code("01");
  EXPECT_THAT(ListAll(request), ElementsAre(Property(&AdminUnit::name, "Phường Đống Đa")));
}

TEST_F(GazetteerTest, PagesThroughAProvinceWithoutDuplicates) {
  ListAdminUnitsRequest request;
  request.set_province_code("01");
  request.set_page_size(7);
  std::set<std::string> seen;
  int pages = 0;
  do {
    auto page = gazetteer_->List(request);
    ASSERT_THAT(page, IsOk());
    ++pages;
    EXPECT_LE(page->units_size(), 7);
    for (const AdminUnit& unit : page->units()) {
      EXPECT_EQ(unit.province_code(), "01");
      EXPECT_TRUE(seen.insert(unit.code()).second) << "duplicate " << unit.code();
    }
    request.set_page_token(page->next_page_token());
  } while (!request.page_token().empty());
  EXPECT_EQ(seen.size(), 126u);
  EXPECT_EQ(pages, 18);  // 126 / 7, and no empty page at the end
}

TEST_F(GazetteerTest, DefaultsAndCapsThePageSize) {
  ListAdminUnitsRequest request;
  auto page = gazetteer_->List(request);
  ASSERT_THAT(page, IsOk());
  EXPECT_EQ(page->units_size(), 100);
  EXPECT_FALSE(page->next_page_token().empty());
  request.set_page_size(5000);
  page = gazetteer_->List(request);
  ASSERT_THAT(page, IsOk());
  EXPECT_EQ(page->units_size(), 1000);
}

TEST_F(GazetteerTest, RejectsAPageTokenFromOtherFiltersOrGarbage) {
  ListAdminUnitsRequest request;
  request.set_province_code("01");
  request.set_page_size(10);
  auto first = gazetteer_->List(request);
  ASSERT_THAT(first, IsOk());
  ASSERT_FALSE(first->next_page_token().empty());

  ListAdminUnitsRequest other = request;
  other.set_province_code("79");
  other.set_page_token(first->next_page_token());
  auto page = gazetteer_->List(other);
  EXPECT_THAT(page, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(BadField(page.status()), "page_token");

  for (const char* garbage : {"garbage", "!!!", "AAAAAAAAAAAAAAAA"}) {
    other = request;
    other.set_page_token(garbage);
    page = gazetteer_->List(other);
    EXPECT_THAT(page, StatusIs(absl::StatusCode::kInvalidArgument)) << garbage;
    EXPECT_EQ(BadField(page.status()), "page_token") << garbage;
  }

  // A different page size is fine (AIP-158).
  request.set_page_size(50);
  request.set_page_token(first->next_page_token());
  page = gazetteer_->List(request);
  ASSERT_THAT(page, IsOk());
  EXPECT_EQ(page->units_size(), 50);
}

TEST_F(GazetteerTest, RejectsBadListFiltersNamingTheField) {
  struct Case {
    std::function<void(ListAdminUnitsRequest&)> set;
    std::string field;
  };
  const std::vector<Case> cases = {
      {[](auto& r) { r.set_page_size(-1); }, "page_size"},
      {[](auto& r) { r.set_province_code("1"); }, "province_code"},
      {[](auto& r) { r.set_province_code("001"); }, "province_code"},
      {[](auto& r) { r.set_former_code("0013"); }, "former_code"},
      {[](auto& r) { r.set_former_code("abc"); }, "former_code"},
      {[](auto& r) { r.set_level(static_cast<v1::AdminUnitLevel>(7)); }, "level"},
      {[](auto& r) {
         r.set_level(v1::PROVINCE);
         r.set_province_code("01");
       },
       "province_code"},
      {[](auto& r) {
         r.set_level(v1::PROVINCE);
         r.set_former_code("004");
       },
       "former_code"},
      {[](auto& r) { r.set_name_query("Ph\xC3\x28"); }, "name_query"},
      {[](auto& r) { r.set_name_query(std::string(201, 'a')); }, "name_query"},
  };
  for (const Case& c : cases) {
    ListAdminUnitsRequest request;
    c.set(request);
    auto page = gazetteer_->List(request);
    EXPECT_THAT(page, StatusIs(absl::StatusCode::kInvalidArgument)) << c.field;
    EXPECT_EQ(BadField(page.status()), c.field);
  }
}

TEST_F(GazetteerTest, ChecksCodesForTheRegistry) {
  EXPECT_TRUE(gazetteer_->IsProvince("01"));
  EXPECT_TRUE(gazetteer_->IsProvince("96"));
  EXPECT_FALSE(gazetteer_->IsProvince("03"));  // Hà Giang, merged into Tuyên Quang
  EXPECT_FALSE(gazetteer_->IsProvince("00136"));
  EXPECT_TRUE(gazetteer_->IsCommune("00136"));
  EXPECT_FALSE(gazetteer_->IsCommune("00001"));
  EXPECT_FALSE(gazetteer_->IsCommune("01"));
  EXPECT_FALSE(gazetteer_->IsCommune("004"));
  EXPECT_EQ(gazetteer_->ProvinceOf("00136"), "01");
  EXPECT_EQ(gazetteer_->ProvinceOf("00001"), "");
  EXPECT_EQ(gazetteer_->ProvinceOf("01"), "");
}

// Small files for the parser.
constexpr char kCurrentHeader[] =
    "province_code,province_name,province_type,commune_code,commune_name,commune_type\n";
constexpr char kOldToNewHeader[] =
    "new_province_code,new_commune_name,new_commune_code,old_commune_name,old_commune_code,merge,"
    "old_district_code,old_district_name,old_province_code,old_province_name\n";

TEST(GazetteerParseTest, AcceptsByteOrderMarkAndCrlf) {
  std::string current = std::string("\xEF\xBB\xBF") + kCurrentHeader +
                        "01,Thành phố Hà Nội,thành phố trung ương,00136,Phường Phúc Lợi,phường\r\n";
  std::string old_to_new = std::string(kOldToNewHeader) +
                           "01,Phường Phúc Lợi,00136,Phường  Việt Hưng,00127,part,004,Quận Long Biên,01,"
                           "Thành phố Hà Nội\r\n";
  auto gazetteer = Gazetteer::Parse(current, old_to_new);
  ASSERT_THAT(gazetteer, IsOk());
  auto unit = (*gazetteer)->Get("00136");
  ASSERT_THAT(unit, IsOk());
  EXPECT_EQ(unit->type(), "phường");
  ASSERT_THAT(unit->former_units(), SizeIs(1));
  EXPECT_EQ(unit->former_units(0).commune_name(), "Phường Việt Hưng");  // spaces collapsed
}

TEST(GazetteerParseTest, NamesTheFileAndLineOfABadRow) {
  const std::string good_current =
      std::string(kCurrentHeader) + "01,Thành phố Hà Nội,thành phố trung ương,00136,Phường Phúc Lợi,phường\n";
  struct Case {
    std::string current;
    std::string old_to_new;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"", kOldToNewHeader, "admin-units-2025-07.csv line 1: the file is empty"},
      {"code,name\n", kOldToNewHeader, "admin-units-2025-07.csv line 1: the header must be"},
      {good_current + "01,Thành phố Hà Nội,thành phố trung ương,00137\n", kOldToNewHeader,
       "admin-units-2025-07.csv line 3: expected 6 fields, found 4"},
      {good_current + "1,Hà Nội,tỉnh,00137,Xã A,xã\n", kOldToNewHeader,
       "admin-units-2025-07.csv line 3: province_code must be 2 digits"},
      {good_current + "01,Thành phố Hà Nội,thành phố trung ương,0137,Xã A,xã\n", kOldToNewHeader,
       "line 3: commune_code must be 5 digits"},
      {good_current + "01,Thành phố Hà Nội,thành phố trung ương,00137,Xã A,thị trấn\n", kOldToNewHeader,
       "line 3: unknown commune_type"},
      {good_current + "01,Thủ đô Hà Nội,thành phố trung ương,00137,Xã A,xã\n", kOldToNewHeader,
       "line 3: province 01 has another name or type"},
      {good_current + "01,Thành phố Hà Nội,thành phố trung ương,00136,Phường Phúc Lợi,phường\n",
       kOldToNewHeader, "line 3: commune 00136 is listed twice"},
      {good_current + "01,Thành phố Hà Nội,thành phố trung ương,00137,\"Xã A\",xã\n", kOldToNewHeader,
       "line 3: quoted fields are not supported"},
      {good_current + "01,Thành phố Hà Nội,thành phố trung ương,00137,Xã \xC3\x28,xã\n", kOldToNewHeader,
       "line 3: commune_name is not valid UTF-8"},
      {good_current + "01,Thành phố Hà Nội,thành phố trung ương,00137, ,xã\n", kOldToNewHeader,
       "line 3: commune_name is empty"},
      {good_current, std::string(kOldToNewHeader) + "01,X,00136,Y\xC3\x28,00001,whole,004,Z,01,W\n",
       "admin-units-old-to-new-2025-07.csv line 2: old_commune_name is not valid UTF-8"},
      {good_current, std::string(kOldToNewHeader) + "01,X,00999,Y,00001,whole,004,Z,01,W\n",
       "admin-units-old-to-new-2025-07.csv line 2: new_commune_code 00999 is not a current commune"},
      {good_current, std::string(kOldToNewHeader) + "02,X,00136,Y,00001,whole,004,Z,01,W\n",
       "line 2: new_province_code does not match"},
      {good_current, std::string(kOldToNewHeader) + "01,X,00136,Y,00001,moved,004,Z,01,W\n",
       "line 2: unknown merge"},
      {good_current, std::string(kOldToNewHeader) + "01,X,00136,Y,001,whole,004,Z,01,W\n",
       "line 2: old_commune_code must be empty or 5 digits"},
      {good_current, std::string(kOldToNewHeader) + "01,X,00136,Y,00001,whole,4,Z,01,W\n",
       "line 2: old_district_code must be 3 digits"},
  };
  for (const Case& c : cases) {
    auto gazetteer = Gazetteer::Parse(c.current, c.old_to_new);
    EXPECT_THAT(gazetteer, StatusIs(absl::StatusCode::kInvalidArgument)) << c.message;
    EXPECT_THAT(std::string(gazetteer.status().message()), HasSubstr(c.message));
  }
}

}  // namespace
}  // namespace haicap::registry
