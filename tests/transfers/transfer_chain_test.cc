// The endorsement chain derived from the tree: the seed case between two Hà Nội wards, cells under
// grassroots committees, internal transfers, across provinces, and the refusals.
#include "services/transfers/transfer_chain.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace haicap::transfers {
namespace {

using registry::v1::CELL;
using registry::v1::COMMUNE_COMMITTEE;
using registry::v1::GRASSROOTS_CELL;
using registry::v1::GRASSROOTS_COMMITTEE;
using registry::v1::PROVINCIAL_COMMITTEE;
using ::testing::ElementsAre;
using ::testing::Pair;

const OrgRef kHanoi{"1", "Đảng bộ Thành phố Hà Nội", PROVINCIAL_COMMITTEE, ""};
const OrgRef kTayTuu{"10", "Đảng bộ phường Tây Tựu", COMMUNE_COMMITTEE, ""};
const OrgRef kDongDa{"20", "Đảng bộ phường Đống Đa", COMMUNE_COMMITTEE, ""};
const OrgRef kTayTuuCell{"11", "Chi bộ Ủy ban nhân dân phường Tây Tựu", GRASSROOTS_CELL, ""};
const OrgRef kDongDaCell{"21", "Chi bộ Cơ quan Đảng ủy phường Đống Đa", GRASSROOTS_CELL, ""};
const OrgRef kSchool{"12", "Đảng bộ Trường THCS Tây Tựu", GRASSROOTS_COMMITTEE, ""};
const OrgRef kTeachers{"13", "Chi bộ Giáo viên", CELL, ""};
const OrgRef kStaff{"14", "Chi bộ Hành chính", CELL, ""};

// (role, organisation id) of each step, in order.
std::vector<std::pair<v1::ChainRole, std::string>> Steps(const std::vector<v1::ChainStep>& chain) {
  std::vector<std::pair<v1::ChainRole, std::string>> steps;
  for (size_t i = 0; i < chain.size(); ++i) {
    EXPECT_EQ(chain[i].step(), static_cast<int>(i));
    steps.emplace_back(chain[i].role(), chain[i].organization_id());
  }
  return steps;
}

TEST(DeriveChain, BetweenTwoWardsTheSendingWardIssuesAndTheReceivingWardEndorses) {
  auto chain = DeriveChain(v1::OFFICIAL, {kTayTuuCell, kTayTuu, kHanoi}, {kDongDaCell, kDongDa, kHanoi});
  ASSERT_TRUE(chain.ok()) << chain.status();
  EXPECT_THAT(Steps(*chain), ElementsAre(Pair(v1::SENDING_ORGANIZATION, "11"), Pair(v1::ISSUING_COMMITTEE, "10"),
                                         Pair(v1::RECEIVING_SUPERIOR, "20"), Pair(v1::RECEIVING_ORGANIZATION, "21")));
  EXPECT_EQ((*chain)[1].organization_name(), "Đảng bộ phường Tây Tựu");
}

TEST(DeriveChain, ACellUnderAGrassrootsCommitteePassesThroughIt) {
  auto chain = DeriveChain(v1::OFFICIAL, {kTeachers, kSchool, kTayTuu, kHanoi}, {kDongDaCell, kDongDa, kHanoi});
  ASSERT_TRUE(chain.ok()) << chain.status();
  EXPECT_THAT(Steps(*chain), ElementsAre(Pair(v1::SENDING_ORGANIZATION, "13"), Pair(v1::SENDING_SUPERIOR, "12"),
                                         Pair(v1::ISSUING_COMMITTEE, "10"), Pair(v1::RECEIVING_SUPERIOR, "20"),
                                         Pair(v1::RECEIVING_ORGANIZATION, "21")));
}

TEST(DeriveChain, InsideOneWardTheWardIssuesOnceForBothSides) {
  auto chain = DeriveChain(v1::OFFICIAL, {kTeachers, kSchool, kTayTuu, kHanoi}, {kTayTuuCell, kTayTuu, kHanoi});
  ASSERT_TRUE(chain.ok()) << chain.status();
  EXPECT_THAT(Steps(*chain), ElementsAre(Pair(v1::SENDING_ORGANIZATION, "13"), Pair(v1::SENDING_SUPERIOR, "12"),
                                         Pair(v1::ISSUING_COMMITTEE, "10"), Pair(v1::RECEIVING_ORGANIZATION, "11")));
}

TEST(DeriveChain, AnInternalTransferIsIssuedByTheSharedGrassrootsCommittee) {
  auto chain = DeriveChain(v1::INTERNAL, {kTeachers, kSchool, kTayTuu, kHanoi}, {kStaff, kSchool, kTayTuu, kHanoi});
  ASSERT_TRUE(chain.ok()) << chain.status();
  EXPECT_THAT(Steps(*chain), ElementsAre(Pair(v1::SENDING_ORGANIZATION, "13"), Pair(v1::ISSUING_COMMITTEE, "12"),
                                         Pair(v1::RECEIVING_ORGANIZATION, "14")));
  // Into the grassroots committee itself: it issues and confirms.
  chain = DeriveChain(v1::INTERNAL, {kTeachers, kSchool, kTayTuu, kHanoi}, {kSchool, kTayTuu, kHanoi});
  ASSERT_TRUE(chain.ok()) << chain.status();
  EXPECT_THAT(Steps(*chain), ElementsAre(Pair(v1::SENDING_ORGANIZATION, "13"), Pair(v1::ISSUING_COMMITTEE, "12"),
                                         Pair(v1::RECEIVING_ORGANIZATION, "12")));
}

TEST(DeriveChain, AcrossProvincesTheOtherSideKeepsItsProvince) {
  const OrgRef haiphong{"1", "Đảng bộ Thành phố Hải Phòng", PROVINCIAL_COMMITTEE, "31"};
  const OrgRef ward{"7", "Đảng bộ phường Hồng Bàng", COMMUNE_COMMITTEE, "31"};
  const OrgRef cell{"8", "Chi bộ Khu dân cư số 2", GRASSROOTS_CELL, "31"};
  auto chain = DeriveChain(v1::OFFICIAL, {kTayTuuCell, kTayTuu, kHanoi}, {cell, ward, haiphong});
  ASSERT_TRUE(chain.ok()) << chain.status();
  EXPECT_THAT(Steps(*chain), ElementsAre(Pair(v1::SENDING_ORGANIZATION, "11"), Pair(v1::ISSUING_COMMITTEE, "10"),
                                         Pair(v1::RECEIVING_SUPERIOR, "7"), Pair(v1::RECEIVING_ORGANIZATION, "8")));
  EXPECT_EQ((*chain)[3].province_code(), "31");
  EXPECT_EQ((*chain)[1].province_code(), "");
}

TEST(DeriveChain, Refusals) {
  EXPECT_EQ(DeriveChain(v1::INTERNAL, {kTayTuuCell, kTayTuu, kHanoi}, {kDongDaCell, kDongDa, kHanoi}).status().message(),
            "an internal transfer stays under one grassroots committee; use OFFICIAL");
  EXPECT_EQ(DeriveChain(v1::OFFICIAL, {kTayTuuCell, kTayTuu, kHanoi}, {kTayTuuCell, kTayTuu, kHanoi}).status().code(),
            absl::StatusCode::kFailedPrecondition);
  // A cell hanging directly under the provincial committee with nothing above it.
  EXPECT_EQ(DeriveChain(v1::OFFICIAL, {kTayTuuCell}, {kDongDaCell, kDongDa, kHanoi}).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(NextStep, FindsTheFirstUnendorsedStepAndTheIssuer) {
  auto chain = DeriveChain(v1::OFFICIAL, {kTayTuuCell, kTayTuu, kHanoi}, {kDongDaCell, kDongDa, kHanoi});
  ASSERT_TRUE(chain.ok());
  v1::Transfer transfer;
  for (auto& step : *chain) *transfer.add_chain() = step;
  EXPECT_EQ(NextStep(transfer), 0);
  EXPECT_EQ(IssuingStep(transfer), 1);
  transfer.mutable_chain(0)->mutable_endorsed_at()->set_seconds(1);
  EXPECT_EQ(NextStep(transfer), 1);
  for (auto& step : *transfer.mutable_chain()) step.mutable_endorsed_at()->set_seconds(1);
  EXPECT_EQ(NextStep(transfer), 4);
}

}  // namespace
}  // namespace haicap::transfers
