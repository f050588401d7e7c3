// MoveMember over real gRPC, as the transfers service calls it at a transfer's receipt: a
// permanent move takes the member and the counts to the new organisation from the effective day
// (as-of reads show each side), a temporary one only records where the member is active, a return
// ends that; retries move once, and every refused move changes nothing.
#include "tests/registry/member_fixture.h"

namespace haicap::registry::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class MemberMovesTest : public MembersTest {
 protected:
  void SetUp() override {
    MembersTest::SetUp();
    staff_cell_ = MustCreate("Chi bộ nhân viên", CELL, committee_, "", D(2025, 7, 1)).id();
    bo_de_cell_ = MustCreate("Chi bộ Tổ dân phố 2", GRASSROOTS_CELL, other_ward_, "", D(2025, 7, 1)).id();
  }

  static MoveMemberRequest MoveRequest(const std::string& member, MoveMemberRequest::Kind kind,
                                       const std::string& to, const google::type::Date& effective) {
    MoveMemberRequest request;
    request.set_member_id(member);
    request.set_kind(kind);
    request.set_organization_id(to);
    *request.mutable_effective_date() = effective;
    return request;
  }

  grpc::Status Move(const MoveMemberRequest& request, Member* moved = nullptr) {
    Member ignored;
    return Call(&Registry::Stub::MoveMember, request, moved ? moved : &ignored);
  }

  Member MustMove(const MoveMemberRequest& request) {
    Member moved;
    grpc::Status status = Move(request, &moved);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return moved;
  }

  Member MustGetMember(const std::string& id, const google::type::Date* as_of = nullptr) {
    GetMemberRequest request;
    request.set_id(id);
    if (as_of) *request.mutable_as_of() = *as_of;
    Member member;
    grpc::Status status = Call(&Registry::Stub::GetMember, request, &member);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return member;
  }

  std::vector<MemberEvent> History(const std::string& id) {
    ListMemberEventsRequest request;
    request.set_member_id(id);
    ListMemberEventsResponse response;
    grpc::Status status = Call(&Registry::Stub::ListMemberEvents, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {response.events().begin(), response.events().end()};
  }

  // Names of the living members of `org` as of `as_of`.
  std::vector<std::string> Roster(const std::string& org, const google::type::Date& as_of) {
    ListMembersRequest request;
    request.set_organization_id(org);
    *request.mutable_as_of() = as_of;
    return MemberNames(request);
  }

  // What a refused move must leave as it was: the tree and its history, the members and theirs,
  // and the counts on the days the tests move on.
  std::string State(const std::vector<std::string>& members) {
    std::string out = Everything();
    for (const std::string& id : members) {
      out += MustGetMember(id).SerializeAsString();
      for (const MemberEvent& e : History(id)) out += e.SerializeAsString();
    }
    for (const auto& day : {D(2025, 11, 30), D(2026, 3, 1), D(2026, 3, 2), D(2026, 9, 1)}) {
      out += Summary(hanoi_, &day).SerializeAsString();
    }
    return out + Summary(hanoi_).SerializeAsString();
  }

  std::string staff_cell_, bo_de_cell_;
};

TEST_F(MemberMovesTest, APermanentMoveTakesTheMemberAndTheCountsAcrossFromTheEffectiveDay) {
  const Member mover = MustRegisterOfficial("Trần Văn Minh", 1, neighbourhood_, D(2025, 7, 1));
  MustRegisterOfficial("Lê Thị Hoa", 2, neighbourhood_, D(2025, 7, 1));
  MustRegisterOfficial("Phạm Văn Nam", 3, bo_de_cell_, D(2025, 7, 1));

  // An official transfer from Phúc Lợi ward to Bồ Đề ward, received on 2/3/2026.
  auto request = MoveRequest(mover.id(), MoveMemberRequest::PERMANENT, bo_de_cell_, D(2026, 3, 2));
  request.set_reference("transfers/T-000000000042");
  const Member moved = MustMove(request);
  EXPECT_EQ(moved.organization_id(), bo_de_cell_);
  EXPECT_EQ(moved.status(), OFFICIAL);
  EXPECT_NE(moved.etag(), mover.etag());
  EXPECT_THAT(moved.temporary_organization_id(), IsEmpty());

  const auto march1 = D(2026, 3, 1), march2 = D(2026, 3, 2);
  EXPECT_EQ(Summary(ward_, &march1).official_member_count(), 2);
  EXPECT_EQ(Summary(ward_, &march2).official_member_count(), 1);
  EXPECT_EQ(Summary(ward_).official_member_count(), 1);
  EXPECT_EQ(Summary(other_ward_, &march1).official_member_count(), 1);
  EXPECT_EQ(Summary(other_ward_, &march2).official_member_count(), 2);
  EXPECT_EQ(Summary(other_ward_).official_member_count(), 2);
  EXPECT_EQ(Summary(hanoi_, &march1).member_count(), 3);
  EXPECT_EQ(Summary(hanoi_, &march2).member_count(), 3);

  EXPECT_THAT(Roster(neighbourhood_, march1), ElementsAre("Lê Thị Hoa", "Trần Văn Minh"));
  EXPECT_THAT(Roster(neighbourhood_, march2), ElementsAre("Lê Thị Hoa"));
  EXPECT_THAT(Roster(bo_de_cell_, march1), ElementsAre("Phạm Văn Nam"));
  EXPECT_THAT(Roster(bo_de_cell_, march2), ElementsAre("Phạm Văn Nam", "Trần Văn Minh"));
  EXPECT_EQ(MustGetMember(mover.id(), &march1).organization_id(), neighbourhood_);
  EXPECT_EQ(MustGetMember(mover.id(), &march2).organization_id(), bo_de_cell_);
}

TEST_F(MemberMovesTest, TheHistoryRecordsTheMoveWithItsReferenceAndDecision) {
  const Member mover = MustRegisterOfficial("Trần Văn Minh", 1, neighbourhood_, D(2025, 7, 1));
  auto request = MoveRequest(mover.id(), MoveMemberRequest::PERMANENT, bo_de_cell_, D(2026, 3, 2));
  request.set_reference("transfers/T-000000000042");
  request.mutable_decision()->set_number("12/GGT");
  *request.mutable_decision()->mutable_date() = D(2026, 2, 20);
  request.set_request_id("transfer-T-42-receipt");
  MustMove(request);

  const std::vector<MemberEvent> events = History(mover.id());
  ASSERT_EQ(events.size(), 2u);
  const MemberEvent& transferred = events[1];
  EXPECT_EQ(transferred.type(), MEMBER_TRANSFERRED);
  EXPECT_EQ(transferred.previous_organization_id(), neighbourhood_);
  EXPECT_EQ(transferred.organization_id(), bo_de_cell_);
  EXPECT_EQ(transferred.reference(), "transfers/T-000000000042");
  EXPECT_EQ(transferred.decision().number(), "12/GGT");
  EXPECT_EQ(transferred.effective_date().day(), 2);
  EXPECT_EQ(transferred.actor(), "clerk@phucloi");
  EXPECT_EQ(transferred.request_id(), "transfer-T-42-receipt");
  EXPECT_EQ(transferred.member().organization_id(), bo_de_cell_);
  EXPECT_EQ(transferred.member().citizen_id(), "********0001");
}

TEST_F(MemberMovesTest, ARetriedMoveMovesOnceEvenAfterARestart) {
  const Member mover = MustRegisterOfficial("Trần Văn Minh", 1, neighbourhood_, D(2025, 7, 1));
  auto request = MoveRequest(mover.id(), MoveMemberRequest::PERMANENT, bo_de_cell_, D(2026, 3, 2));
  request.set_request_id("transfer-T-42-receipt");
  const Member first = MustMove(request);
  const Member second = MustMove(request);
  Restart();
  const Member third = MustMove(request);
  EXPECT_EQ(second.SerializeAsString(), first.SerializeAsString());
  EXPECT_EQ(third.SerializeAsString(), first.SerializeAsString());
  EXPECT_EQ(History(mover.id()).size(), 2u);
  EXPECT_EQ(Summary(other_ward_).member_count(), 1);
  EXPECT_EQ(Summary(ward_).member_count(), 0);
  // Without the request id the same move is a new one, and refused: the member is there already.
  request.clear_request_id();
  EXPECT_EQ(Reason(Move(request)), "ALREADY_THERE");
}

TEST_F(MemberMovesTest, AnInternalMoveTakesAProbationaryMemberAndFoldsBeforeALaterRecognition) {
  const Member newcomer = MustAdmit("Đỗ Thị Thu", 1, cell_, D(2025, 10, 1));
  RecognizeOfficialRequest recognize;
  recognize.set_member_id(newcomer.id());
  *recognize.mutable_decision()->mutable_date() = D(2026, 10, 5);
  clock_.Set(absl::FromCivil(absl::CivilHour(2026, 10, 5, 9), VietnamTimeZone()));  // the day it is decided
  Member recognized;
  ASSERT_TRUE(Call(&Registry::Stub::RecognizeOfficial, recognize, &recognized).ok());

  // Recorded after the recognition (official from 1/10/2026), effective before it.
  const Member moved = MustMove(MoveRequest(newcomer.id(), MoveMemberRequest::PERMANENT, staff_cell_, D(2026, 3, 2)));
  EXPECT_EQ(moved.organization_id(), staff_cell_);
  EXPECT_EQ(moved.status(), OFFICIAL);
  const auto march1 = D(2026, 3, 1), march2 = D(2026, 3, 2), october = D(2026, 10, 1);
  EXPECT_EQ(Summary(cell_, &march1).probationary_member_count(), 1);
  EXPECT_EQ(Summary(cell_, &march2).member_count(), 0);
  EXPECT_EQ(Summary(staff_cell_, &march1).member_count(), 0);
  EXPECT_EQ(Summary(staff_cell_, &march2).probationary_member_count(), 1);
  EXPECT_EQ(Summary(staff_cell_, &october).official_member_count(), 1);
  EXPECT_EQ(Summary(staff_cell_, &october).probationary_member_count(), 0);
  EXPECT_EQ(Summary(committee_, &march2).member_count(), 1);
  EXPECT_EQ(MustGetMember(newcomer.id(), &october).organization_id(), staff_cell_);
}

TEST_F(MemberMovesTest, ATemporaryMoveKeepsTheCountsAndAReturnEndsIt) {
  const Member student = MustRegisterOfficial("Nguyễn Thị Mai", 1, cell_, D(2025, 7, 1));
  auto away = MoveRequest(student.id(), MoveMemberRequest::TEMPORARY, bo_de_cell_, D(2026, 3, 2));
  *away.mutable_temporary_until() = D(2026, 9, 1);
  away.set_reference("transfers/T-000000000007");
  const Member started = MustMove(away);
  EXPECT_EQ(started.organization_id(), cell_);
  EXPECT_EQ(started.temporary_organization_id(), bo_de_cell_);
  EXPECT_EQ(started.temporary_until().month(), 9);

  const auto march1 = D(2026, 3, 1), march2 = D(2026, 3, 2), august14 = D(2026, 8, 14), august15 = D(2026, 8, 15);
  EXPECT_THAT(MustGetMember(student.id(), &march1).temporary_organization_id(), IsEmpty());
  EXPECT_EQ(MustGetMember(student.id(), &march2).temporary_organization_id(), bo_de_cell_);
  // Still counted at home only.
  for (const auto* day : {&march1, &march2}) {
    EXPECT_EQ(Summary(ward_, day).member_count(), 1);
    EXPECT_EQ(Summary(other_ward_, day).member_count(), 0);
  }
  EXPECT_THAT(Roster(cell_, march2), ElementsAre("Nguyễn Thị Mai"));
  EXPECT_THAT(Roster(bo_de_cell_, march2), IsEmpty());
  const MemberEvent started_event = History(student.id()).back();
  EXPECT_EQ(started_event.type(), TEMPORARY_ACTIVITY_STARTED);
  EXPECT_EQ(started_event.organization_id(), bo_de_cell_);
  EXPECT_EQ(started_event.previous_organization_id(), cell_);
  EXPECT_EQ(started_event.reference(), "transfers/T-000000000007");
  EXPECT_EQ(started_event.member().temporary_until().day(), 1);

  // While away the member moves nowhere else until the return is recorded.
  const std::string before = State({student.id()});
  EXPECT_EQ(Reason(Move(away)), "TEMPORARY_ACTIVITY_ONGOING");
  EXPECT_EQ(Reason(Move(MoveRequest(student.id(), MoveMemberRequest::PERMANENT, staff_cell_, D(2026, 4, 1)))),
            "TEMPORARY_ACTIVITY_ONGOING");
  EXPECT_EQ(State({student.id()}), before);

  // Back on 15/8/2026, before the expected day.
  auto back = MoveRequest(student.id(), MoveMemberRequest::RETURN, "", august15);
  back.set_reference("transfers/T-000000000007");
  const Member returned = MustMove(back);
  EXPECT_EQ(returned.organization_id(), cell_);
  EXPECT_THAT(returned.temporary_organization_id(), IsEmpty());
  EXPECT_FALSE(returned.has_temporary_until());
  EXPECT_EQ(MustGetMember(student.id(), &august14).temporary_organization_id(), bo_de_cell_);
  EXPECT_THAT(MustGetMember(student.id(), &august15).temporary_organization_id(), IsEmpty());
  EXPECT_EQ(Summary(ward_, &august15).member_count(), 1);
  EXPECT_EQ(Summary(other_ward_).member_count(), 0);
  const MemberEvent ended_event = History(student.id()).back();
  EXPECT_EQ(ended_event.type(), TEMPORARY_ACTIVITY_ENDED);
  EXPECT_EQ(ended_event.previous_organization_id(), bo_de_cell_);
  EXPECT_EQ(ended_event.organization_id(), cell_);
  EXPECT_EQ(ended_event.reference(), "transfers/T-000000000007");
  EXPECT_EQ(Reason(Move(back)), "NO_TEMPORARY_ACTIVITY");

  // Home again, the member may move for good.
  const Member settled = MustMove(MoveRequest(student.id(), MoveMemberRequest::PERMANENT, staff_cell_, D(2026, 9, 1)));
  EXPECT_EQ(settled.organization_id(), staff_cell_);
}

TEST_F(MemberMovesTest, EveryRefusedMoveSaysWhyAndChangesNothing) {
  const Member member = MustRegisterOfficial("Trần Văn Minh", 1, neighbourhood_, D(2025, 7, 1));
  const Member moved_later = MustRegisterOfficial("Lê Thị Hoa", 2, neighbourhood_, D(2025, 7, 1));
  MustMove(MoveRequest(moved_later.id(), MoveMemberRequest::PERMANENT, bo_de_cell_, D(2026, 3, 2)));
  const Member deceased = MustRegisterOfficial("Phạm Văn Nam", 3, neighbourhood_, D(2025, 7, 1));
  EndMembershipRequest end;
  end.set_member_id(deceased.id());
  end.set_status(DECEASED);
  end.set_reason("từ trần");
  *end.mutable_effective_date() = D(2026, 1, 10);
  Member ended;
  ASSERT_TRUE(Call(&Registry::Stub::EndMembership, end, &ended).ok());
  // Dissolved on 1/1/2026; and one established only on 1/6/2026.
  const std::string closing = MustCreate("Chi bộ Tổ dân phố 9", GRASSROOTS_CELL, ward_, "", D(2025, 7, 1)).id();
  DissolveOrganizationRequest dissolve;
  dissolve.set_id(closing);
  *dissolve.mutable_effective_date() = D(2026, 1, 1);
  Organization dissolved;
  ASSERT_TRUE(Call(&Registry::Stub::DissolveOrganization, dissolve, &dissolved).ok());
  const std::string opening = MustCreate("Chi bộ Tổ dân phố 10", GRASSROOTS_CELL, ward_, "", D(2026, 6, 1)).id();
  const std::string before = State({member.id(), moved_later.id(), deceased.id()});

  auto permanent = [&](const std::string& to, const google::type::Date& day) {
    return MoveRequest(member.id(), MoveMemberRequest::PERMANENT, to, day);
  };
  auto temporary = [&](const std::string& to, const google::type::Date& day, const google::type::Date& until) {
    auto request = MoveRequest(member.id(), MoveMemberRequest::TEMPORARY, to, day);
    *request.mutable_temporary_until() = until;
    return request;
  };
  auto refusal = [&](const MoveMemberRequest& request) {
    grpc::Status status = Move(request);
    EXPECT_FALSE(status.ok());
    return status;
  };

  // Input the registry needs no data to refuse: INVALID_ARGUMENT naming each field.
  MoveMemberRequest blank;
  grpc::Status status = refusal(blank);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(status), ElementsAre("member_id", "effective_date", "kind"));
  EXPECT_THAT(BadFields(refusal(permanent("", D(2026, 3, 2)))), ElementsAre("organization_id"));
  EXPECT_THAT(BadFields(refusal(permanent("cell", D(2026, 3, 2)))), ElementsAre("organization_id"));
  auto with_until = permanent(bo_de_cell_, D(2026, 3, 2));
  *with_until.mutable_temporary_until() = D(2026, 9, 1);
  EXPECT_THAT(BadFields(refusal(with_until)), ElementsAre("temporary_until"));
  EXPECT_THAT(BadFields(refusal(temporary(bo_de_cell_, D(2026, 3, 2), D(0, 0, 0)))), ElementsAre("temporary_until"));
  EXPECT_THAT(BadFields(refusal(temporary(bo_de_cell_, D(2026, 3, 2), D(2026, 3, 2)))), ElementsAre("temporary_until"));
  auto long_reference = permanent(bo_de_cell_, D(2026, 3, 2));
  long_reference.set_reference(std::string(101, 'T'));
  EXPECT_THAT(BadFields(refusal(long_reference)), ElementsAre("reference"));
  auto bad_decision = permanent(bo_de_cell_, D(2026, 3, 2));
  *bad_decision.mutable_decision()->mutable_date() = D(2026, 2, 30);
  EXPECT_THAT(BadFields(refusal(bad_decision)), ElementsAre("decision.date"));

  // Who and where.
  status = refusal(MoveRequest("999", MoveMemberRequest::PERMANENT, bo_de_cell_, D(2026, 3, 2)));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Reason(status), "MEMBER_NOT_FOUND");
  status = refusal(permanent("999", D(2026, 3, 2)));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Reason(status), "ORGANIZATION_NOT_FOUND");
  EXPECT_THAT(status.error_message(), HasSubstr("organization_id"));
  status = refusal(permanent(bo_de_cell_, D(2025, 6, 30)));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(status), "MEMBER_NOT_ACTIVE");
  status = refusal(MoveRequest(deceased.id(), MoveMemberRequest::PERMANENT, bo_de_cell_, D(2026, 3, 2)));
  EXPECT_EQ(Reason(status), "MEMBER_NOT_ACTIVE");
  EXPECT_THAT(status.error_message(), HasSubstr("2026-01-10"));
  EXPECT_EQ(Reason(refusal(permanent(neighbourhood_, D(2026, 3, 2)))), "ALREADY_THERE");
  EXPECT_EQ(Reason(refusal(temporary(neighbourhood_, D(2026, 3, 2), D(2026, 9, 1)))), "ALREADY_THERE");
  for (const std::string& committee : {ward_, hanoi_}) {
    EXPECT_EQ(Reason(refusal(permanent(committee, D(2026, 3, 2)))), "KIND_HOLDS_NO_MEMBERS");
    EXPECT_EQ(Reason(refusal(temporary(committee, D(2026, 3, 2), D(2026, 9, 1)))), "KIND_HOLDS_NO_MEMBERS");
  }
  EXPECT_EQ(Reason(refusal(permanent(closing, D(2026, 3, 2)))), "ORGANIZATION_NOT_ACTIVE");
  // Active on the day but dissolved while the member would still be there.
  EXPECT_EQ(Reason(refusal(permanent(closing, D(2025, 12, 1)))), "ORGANIZATION_NOT_ACTIVE");
  EXPECT_EQ(Reason(refusal(temporary(closing, D(2025, 12, 1), D(2026, 2, 1)))), "ORGANIZATION_NOT_ACTIVE");
  EXPECT_EQ(Reason(refusal(permanent(opening, D(2026, 3, 2)))), "ORGANIZATION_NOT_ESTABLISHED");
  EXPECT_EQ(Reason(refusal(temporary(opening, D(2026, 3, 2), D(2026, 9, 1)))), "ORGANIZATION_NOT_ESTABLISHED");

  // The member's own state.
  EXPECT_EQ(Reason(refusal(MoveRequest(member.id(), MoveMemberRequest::RETURN, "", D(2026, 3, 2)))),
            "NO_TEMPORARY_ACTIVITY");
  auto stale = permanent(bo_de_cell_, D(2026, 3, 2));
  stale.set_etag("0");
  status = refusal(stale);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(Reason(status), "ETAG_MISMATCH");
  status = refusal(MoveRequest(moved_later.id(), MoveMemberRequest::PERMANENT, staff_cell_, D(2026, 2, 1)));
  EXPECT_EQ(Reason(status), "LATER_MOVE_RECORDED");
  EXPECT_THAT(status.error_message(), HasSubstr("2026-03-02"));

  EXPECT_EQ(State({member.id(), moved_later.id(), deceased.id()}), before);
  // The current etag is accepted.
  stale.set_etag(member.etag());
  EXPECT_TRUE(Move(stale).ok());
}

TEST_F(MemberMovesTest, DissolutionSeesTheMovedMemberOnTheRightSide) {
  const std::string old_cell = MustCreate("Chi bộ bảo vệ", CELL, committee_, "", D(2025, 7, 1)).id();
  const Member guard = MustRegisterOfficial("Vũ Văn Hùng", 1, old_cell, D(2025, 7, 1));
  MustMove(MoveRequest(guard.id(), MoveMemberRequest::PERMANENT, staff_cell_, D(2026, 3, 2)));

  DissolveOrganizationRequest dissolve;
  Organization org;
  // The day before the move the member still belonged to the old cell.
  dissolve.set_id(old_cell);
  *dissolve.mutable_effective_date() = D(2026, 3, 1);
  EXPECT_EQ(Reason(Call(&Registry::Stub::DissolveOrganization, dissolve, &org)), "HAS_MEMBERS");
  // The new cell holds the member from the move on.
  dissolve.set_id(staff_cell_);
  *dissolve.mutable_effective_date() = D(2026, 4, 1);
  EXPECT_EQ(Reason(Call(&Registry::Stub::DissolveOrganization, dissolve, &org)), "HAS_MEMBERS");
  dissolve.set_id(old_cell);
  *dissolve.mutable_effective_date() = D(2026, 3, 2);
  grpc::Status status = Call(&Registry::Stub::DissolveOrganization, dissolve, &org);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(org.state(), DISSOLVED);
}

}  // namespace
}  // namespace haicap::registry::testing
