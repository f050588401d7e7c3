// An official transfer from Hà Nội (01) to Hải Phòng (31), each province with its own registry
// deployment on loopback: the chain spans both trees, Hải Phòng's registry takes the member in and
// Hà Nội's ends the membership as TRANSFERRED_OUT, as one saga; a refusal by the receiving
// province leaves the member where they were.
#include "gmock/gmock.h"
#include "tests/transfers/suite_fixture.h"

namespace haicap::transfers::testing {
namespace {

class CrossProvinceTest : public SuiteTest {
 protected:
  void SetUp() override {
    SuiteTest::SetUp();
    auto server = registry::RegistryServer::Start(Options(haiphong_dir_.path()), &clock_);
    ASSERT_TRUE(server.ok()) << server.status();
    haiphong_ = std::move(*server);
    haiphong_stub_ = reg::Registry::NewStub(
        grpc::CreateChannel(Fixed(haiphong_->port()), grpc::InsecureChannelCredentials()));
    transfers_.reset();
    extra_peers_["registry/31"] = Fixed(haiphong_->port());
    StartTransfers();
  }
  void TearDown() override {
    SuiteTest::TearDown();
    haiphong_.reset();
  }

  std::string MustCreateInHaiphong(const std::string& name, reg::OrganizationKind kind, const std::string& parent,
                                   const std::string& unit = "") {
    return MustCreateOrgIn(*haiphong_stub_, name, kind, parent, unit);
  }

  // Hà Nội: a cell in Tây Tựu with the member; Hải Phòng: a cell in Hồng Bàng ward.
  void BuildBothTrees() {
    const std::string hanoi = MustCreateOrg("Đảng bộ Thành phố Hà Nội", reg::PROVINCIAL_COMMITTEE, "", "01");
    tay_tuu_ = MustCreateOrg("Đảng bộ phường Tây Tựu", reg::COMMUNE_COMMITTEE, hanoi, "00613");
    cell_ = MustCreateOrg("Chi bộ Tổ dân phố số 3", reg::GRASSROOTS_CELL, tay_tuu_);
    member_ = MustRegisterMember("Phạm Quốc Tuấn", "001087005555", cell_);
    MustRegisterMember("Đỗ Thị Hoa", "001089006666", cell_);
    const std::string haiphong = MustCreateInHaiphong("Đảng bộ Thành phố Hải Phòng", reg::PROVINCIAL_COMMITTEE, "", "31");
    hong_bang_ = MustCreateInHaiphong("Đảng bộ phường Hồng Bàng", reg::COMMUNE_COMMITTEE, haiphong, "11311");
    hp_cell_ = MustCreateInHaiphong("Chi bộ Khu dân cư số 2", reg::GRASSROOTS_CELL, hong_bang_);
  }

  Transfer MustReachReceipt() {
    CreateTransferRequest create;
    create.mutable_transfer()->set_member_id(member_);
    create.mutable_transfer()->set_kind(OFFICIAL);
    create.mutable_transfer()->set_to_organization_id(hp_cell_);
    create.mutable_transfer()->set_to_province_code("31");
    create.mutable_transfer()->set_reason("Chuyển nơi cư trú về Hải Phòng");
    Transfer t;
    const grpc::Status created = Call(&Transfers::Stub::CreateTransfer, create, &t);
    EXPECT_TRUE(created.ok()) << created.error_message();
    EXPECT_EQ(t.chain_size(), 4);
    EXPECT_EQ(t.chain(2).organization_id(), hong_bang_);
    EXPECT_EQ(t.chain(2).province_code(), "31");
    EXPECT_EQ(t.chain(1).province_code(), "");
    EndorseTransferRequest endorse;
    endorse.set_id(t.id());
    endorse.set_organization_id(cell_);
    EXPECT_TRUE(Call(&Transfers::Stub::EndorseTransfer, endorse, &t).ok());
    IssueIntroductionRequest issue;
    issue.set_id(t.id());
    issue.mutable_letter()->set_number("12-GGT/ĐU");
    EXPECT_TRUE(Call(&Transfers::Stub::IssueIntroduction, issue, &t).ok());
    endorse.set_organization_id(hong_bang_);
    EXPECT_TRUE(Call(&Transfers::Stub::EndorseTransfer, endorse, &t).ok());
    ConfirmReceiptRequest receive;
    receive.set_id(t.id());
    const grpc::Status received = Call(&Transfers::Stub::ConfirmReceipt, receive, &t);
    EXPECT_TRUE(received.ok()) << received.error_message();
    return t;
  }

  haicap::testing::TempDir haiphong_dir_;
  std::unique_ptr<registry::RegistryServer> haiphong_;
  std::unique_ptr<reg::Registry::Stub> haiphong_stub_;
  std::string tay_tuu_, cell_, member_, hong_bang_, hp_cell_;
};

TEST_F(CrossProvinceTest, TheReceivingProvinceTakesTheMemberInAndTheSendingOneLetsGo) {
  BuildBothTrees();
  Transfer t = MustReachReceipt();
  t = Eventually(t.id(), [](const Transfer& x) { return x.state() == COMPLETED; });

  EXPECT_EQ(GetMember(member_).status(), reg::TRANSFERRED_OUT);
  EXPECT_EQ(MembersUnder(tay_tuu_, Day(2026, 2, 10)), 1);
  reg::ListMembersRequest list;
  list.set_organization_id(hp_cell_);
  reg::ListMembersResponse in_haiphong;
  ASSERT_TRUE(CallOn(*haiphong_stub_, &reg::Registry::Stub::ListMembers, list, &in_haiphong, "x").ok());
  ASSERT_EQ(in_haiphong.members_size(), 1);
  EXPECT_EQ(in_haiphong.members(0).full_name(), "Phạm Quốc Tuấn");
  EXPECT_EQ(in_haiphong.members(0).status(), reg::OFFICIAL);
}

TEST_F(CrossProvinceTest, ARefusalByTheReceivingProvinceLeavesTheMemberAtHome) {
  BuildBothTrees();
  // Hải Phòng already has a living member with this citizen ID: its registry refuses the second.
  reg::RegisterMemberRequest twin;
  reg::Member& m = *twin.mutable_member();
  m.set_full_name("Phạm Quốc Tuấn");
  *m.mutable_date_of_birth() = Day(1988, 3, 14);
  m.set_sex(reg::MALE);
  m.set_citizen_id("001087005555");
  m.set_organization_id(hp_cell_);
  m.set_status(reg::OFFICIAL);
  *m.mutable_admitted_on() = Day(2012, 5, 19);
  *twin.mutable_effective_date() = Day(2025, 7, 1);
  reg::Member registered;
  ASSERT_TRUE(CallOn(*haiphong_stub_, &reg::Registry::Stub::RegisterMember, twin, &registered, "x").ok());

  Transfer t = MustReachReceipt();
  t = Eventually(t.id(), [](const Transfer& x) { return x.state() == REJECTED; });
  EXPECT_THAT(t.history(t.history_size() - 1).summary(), ::testing::HasSubstr("refused"));
  EXPECT_EQ(GetMember(member_).status(), reg::OFFICIAL);
  EXPECT_EQ(GetMember(member_).organization_id(), cell_);
}

}  // namespace
}  // namespace haicap::transfers::testing
