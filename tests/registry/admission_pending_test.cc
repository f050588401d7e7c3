// An admission whose ceremony is still to come, over real gRPC (registry alone; the clocks it
// hands to the deadlines service are in tests/transfers/member_clocks_test.cc): the member waits,
// uncounted, until RecordAdmissionCeremony starts the probation.
#include <algorithm>

#include "tests/registry/member_fixture.h"

namespace haicap::registry::testing {
namespace {

using ::testing::ElementsAre;

class AdmissionPendingTest : public MembersTest {
 protected:
  // Admitted by a decision of `decided`, the ceremony still to come.
  AdmitMemberRequest PendingRequest(const std::string& name, int n, google::type::Date decided) {
    AdmitMemberRequest request = AdmitRequest(name, n, cell_, decided);
    request.clear_ceremony_date();
    request.set_request_id("admit-" + std::to_string(n));
    return request;
  }
  RecordAdmissionCeremonyRequest CeremonyRequest(const std::string& id, google::type::Date day) {
    RecordAdmissionCeremonyRequest request;
    request.set_member_id(id);
    *request.mutable_ceremony_date() = day;
    request.set_request_id("ceremony-" + id);
    return request;
  }
};

TEST_F(AdmissionPendingTest, TheMemberWaitsUncountedUntilTheCeremony) {
  // Today is 1/7/2026 (the fixture's clock).
  Member pending;
  ASSERT_TRUE(Call(&Registry::Stub::AdmitMember, PendingRequest("Phạm Thu Hà", 1, D(2026, 6, 15)), &pending).ok());
  EXPECT_EQ(pending.status(), ADMISSION_PENDING);
  EXPECT_FALSE(pending.has_admitted_on());
  EXPECT_EQ(Summary(cell_).member_count(), 0);

  // Listed on request, not among the party members.
  ListMembersRequest list;
  list.set_organization_id(cell_);
  EXPECT_TRUE(MemberNames(list).empty());
  list.set_status(ADMISSION_PENDING);
  EXPECT_THAT(MemberNames(list), ElementsAre("Phạm Thu Hà"));
  // Without a deadlines service the finding has no due day.
  const SubtreeSummary waiting = Summary(ward_);
  const auto ceremony = std::find_if(waiting.findings().begin(), waiting.findings().end(),
                                     [](const Finding& f) { return f.kind() == CEREMONY_PENDING; });
  ASSERT_NE(ceremony, waiting.findings().end()) << waiting.DebugString();
  const Finding& finding = *ceremony;
  EXPECT_EQ(finding.member_id(), pending.id());
  EXPECT_FALSE(finding.has_due_on());

  // The citizen ID is taken: nobody else is admitted with it.
  Member twin;
  const grpc::Status taken = Call(&Registry::Stub::AdmitMember, AdmitRequest("Phạm Thu Hà", 1, cell_, D(2026, 6, 20)), &twin);
  EXPECT_EQ(taken.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Reason(taken), "CITIZEN_ID_TAKEN");

  Member held;
  ASSERT_TRUE(Call(&Registry::Stub::RecordAdmissionCeremony, CeremonyRequest(pending.id(), D(2026, 6, 30)), &held).ok());
  EXPECT_EQ(held.status(), PROBATIONARY);
  EXPECT_EQ(held.admitted_on().day(), 30);
  EXPECT_EQ(Summary(cell_).probationary_member_count(), 1);
  // As of the day before, still waiting and uncounted.
  const auto before = D(2026, 6, 29);
  EXPECT_EQ(Summary(cell_, &before).member_count(), 0);
  GetMemberRequest get;
  get.set_id(pending.id());
  *get.mutable_as_of() = before;
  Member then;
  ASSERT_TRUE(Call(&Registry::Stub::GetMember, get, &then).ok());
  EXPECT_EQ(then.status(), ADMISSION_PENDING);

  // A retry answers the same; a second ceremony is refused.
  Member again;
  ASSERT_TRUE(Call(&Registry::Stub::RecordAdmissionCeremony, CeremonyRequest(pending.id(), D(2026, 6, 30)), &again).ok());
  EXPECT_EQ(again.etag(), held.etag());
  RecordAdmissionCeremonyRequest second = CeremonyRequest(pending.id(), D(2026, 7, 1));
  second.set_request_id("ceremony-again");
  const grpc::Status refused = Call(&Registry::Stub::RecordAdmissionCeremony, second, &again);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(refused), "CEREMONY_NOT_PENDING");
}

TEST_F(AdmissionPendingTest, BadInputIsRefusedAndChangesNothing) {
  Member member;
  AdmitMemberRequest undated = PendingRequest("Đỗ Văn Nam", 2, D(2026, 6, 15));
  undated.mutable_decision()->clear_date();
  EXPECT_THAT(BadFields(Call(&Registry::Stub::AdmitMember, undated, &member)), ElementsAre("decision.date"));
  EXPECT_THAT(BadFields(Call(&Registry::Stub::AdmitMember, PendingRequest("Đỗ Văn Nam", 2, D(2026, 7, 2)), &member)),
              ElementsAre("decision.date"));

  Member pending;
  ASSERT_TRUE(Call(&Registry::Stub::AdmitMember, PendingRequest("Đỗ Văn Nam", 2, D(2026, 6, 15)), &pending).ok());
  const struct {
    google::type::Date day;
    std::string why;
    std::string request_id;
  } bad[] = {{D(2026, 7, 2), "after today", "late"}, {D(2026, 6, 14), "before the decision", "early"}, {{}, "missing", "none"}};
  for (const auto& [day, why, request_id] : bad) {
    RecordAdmissionCeremonyRequest request = CeremonyRequest(pending.id(), day);
    request.set_request_id("bad-" + request_id);
    EXPECT_THAT(BadFields(Call(&Registry::Stub::RecordAdmissionCeremony, request, &member)),
                ElementsAre("ceremony_date"))
        << why;
  }
  const grpc::Status unknown = Call(&Registry::Stub::RecordAdmissionCeremony, CeremonyRequest("999", D(2026, 6, 30)), &member);
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::NOT_FOUND);
  // An official member has no ceremony to record.
  const Member official = MustRegisterOfficial("Cán bộ", 3, cell_, D(2025, 7, 1));
  EXPECT_EQ(Reason(Call(&Registry::Stub::RecordAdmissionCeremony, CeremonyRequest(official.id(), D(2026, 6, 30)), &member)),
            "CEREMONY_NOT_PENDING");
  GetMemberRequest get;
  get.set_id(pending.id());
  ASSERT_TRUE(Call(&Registry::Stub::GetMember, get, &member).ok());
  EXPECT_EQ(member.status(), ADMISSION_PENDING);
  EXPECT_EQ(member.etag(), pending.etag());
}

TEST_F(AdmissionPendingTest, AWithdrawnAdmissionEndsAndAPendingMemberCannotMove) {
  Member pending;
  ASSERT_TRUE(Call(&Registry::Stub::AdmitMember, PendingRequest("Lý Thị Mai", 4, D(2026, 6, 15)), &pending).ok());
  MoveMemberRequest move;
  move.set_member_id(pending.id());
  move.set_kind(MoveMemberRequest::PERMANENT);
  move.set_organization_id(neighbourhood_);
  *move.mutable_effective_date() = D(2026, 7, 1);
  Member moved;
  const grpc::Status refused = Call(&Registry::Stub::MoveMember, move, &moved);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(refused), "MEMBER_NOT_ACTIVE");

  EndMembershipRequest end;
  end.set_member_id(pending.id());
  end.set_status(REMOVED);
  end.set_reason("không tổ chức được lễ kết nạp");
  *end.mutable_effective_date() = D(2026, 7, 1);
  Member ended;
  ASSERT_TRUE(Call(&Registry::Stub::EndMembership, end, &ended).ok());
  EXPECT_EQ(ended.status(), REMOVED);
  const SubtreeSummary after = Summary(ward_);
  for (const auto& f : after.findings()) EXPECT_NE(f.kind(), CEREMONY_PENDING);
}

}  // namespace
}  // namespace haicap::registry::testing
