// The member roster over real gRPC: admissions, recognition, endings, corrections, lists with
// masked citizen IDs, counts as of a date across moves and merges, and the findings.
#include "tests/registry/member_fixture.h"

namespace haicap::registry::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST_F(MembersTest, AdmissionStartsProbationAndListsMaskTheCitizenId) {
  const Member admitted = MustAdmit("Nguyễn Văn An", 1, cell_, D(2025, 9, 2));
  EXPECT_EQ(admitted.status(), PROBATIONARY);
  EXPECT_EQ(admitted.admitted_on().month(), 9);
  EXPECT_EQ(admitted.citizen_id(), CitizenId(1));

  GetMemberRequest get;
  get.set_id(admitted.id());
  Member got;
  ASSERT_TRUE(Call(&Registry::Stub::GetMember, get, &got).ok());
  EXPECT_EQ(got.citizen_id(), CitizenId(1));  // in full

  ListMembersRequest list;
  list.set_organization_id(cell_);
  ListMembersResponse listed;
  ASSERT_TRUE(Call(&Registry::Stub::ListMembers, list, &listed).ok());
  ASSERT_EQ(listed.members_size(), 1);
  EXPECT_EQ(listed.members(0).citizen_id(), "********0001");

  ListMembersRequest exact;
  exact.set_citizen_id(CitizenId(1));
  ASSERT_TRUE(Call(&Registry::Stub::ListMembers, exact, &listed).ok());
  ASSERT_EQ(listed.members_size(), 1);
  EXPECT_EQ(listed.members(0).citizen_id(), CitizenId(1));

  // Before the ceremony the member was not there.
  const auto before = D(2025, 9, 1);
  *list.mutable_as_of() = before;
  ASSERT_TRUE(Call(&Registry::Stub::ListMembers, list, &listed).ok());
  EXPECT_EQ(listed.members_size(), 0);
  EXPECT_EQ(Summary(ward_).probationary_member_count(), 1);
  EXPECT_EQ(Summary(ward_, &before).member_count(), 0);
}

TEST_F(MembersTest, NameSearchIgnoresDiacriticsAndListsSortInVietnameseOrder) {
  MustAdmit("Nguyễn Văn An", 1, cell_, D(2025, 9, 2));
  MustAdmit("Đỗ Văn Bình", 2, cell_, D(2025, 9, 2));
  MustAdmit("Dương Thị Cúc", 3, cell_, D(2025, 9, 2));
  MustAdmit("Ân Thị Hoa", 4, neighbourhood_, D(2025, 9, 2));
  MustAdmit("Anh Thị Hồng", 5, neighbourhood_, D(2025, 9, 2));
  MustAdmit("Nguyễn Minh Vân", 6, neighbourhood_, D(2025, 9, 2));

  ListMembersRequest request;
  request.set_organization_id(ward_);
  request.set_include_subtree(true);
  // D before Đ, A before Â: Vietnamese alphabetical order, not byte order.
  EXPECT_THAT(MemberNames(request),
              ElementsAre("Anh Thị Hồng", "Ân Thị Hoa", "Dương Thị Cúc", "Đỗ Văn Bình", "Nguyễn Minh Vân", "Nguyễn Văn An"));
  request.set_name_query("nguyen van an");
  EXPECT_THAT(MemberNames(request), ElementsAre("Nguyễn Văn An"));
  request.set_name_query("DO VAN");
  EXPECT_THAT(MemberNames(request), ElementsAre("Đỗ Văn Bình"));
  request.clear_name_query();
  request.set_include_subtree(false);
  EXPECT_TRUE(MemberNames(request).empty());  // the ward committee itself holds no members
}

TEST_F(MembersTest, RecognitionWaitsForTwelveMonthsAndDatesFromTheirEnd) {
  const Member m = MustAdmit("Trần Thị Bích", 7, cell_, D(2025, 7, 10));
  // The decisions below are in the past by then.
  clock_.Set(absl::FromCivil(absl::CivilHour(2026, 9, 15, 9), VietnamTimeZone()));
  RecognizeOfficialRequest recognize;
  recognize.set_member_id(m.id());
  *recognize.mutable_decision()->mutable_date() = D(2026, 7, 9);
  Member ignored;
  grpc::Status status = Call(&Registry::Stub::RecognizeOfficial, recognize, &ignored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(status), "PROBATION_NOT_OVER");
  EXPECT_THAT(status.error_message(), HasSubstr("2026-07-10"));

  // The decision comes two months late; official status still dates from 10/7/2026.
  *recognize.mutable_decision()->mutable_date() = D(2026, 9, 15);
  Member official;
  ASSERT_TRUE(Call(&Registry::Stub::RecognizeOfficial, recognize, &official).ok());
  EXPECT_EQ(official.status(), OFFICIAL);
  EXPECT_EQ(official.official_on().year(), 2026);
  EXPECT_EQ(official.official_on().month(), 7);
  EXPECT_EQ(official.official_on().day(), 10);
  const auto july9 = D(2026, 7, 9), july10 = D(2026, 7, 10);
  EXPECT_EQ(Summary(cell_, &july9).probationary_member_count(), 1);
  EXPECT_EQ(Summary(cell_, &july10).official_member_count(), 1);
  EXPECT_EQ(Summary(cell_, &july10).probationary_member_count(), 0);
  EXPECT_EQ(Reason(Call(&Registry::Stub::RecognizeOfficial, recognize, &ignored)), "NOT_PROBATIONARY");
}

TEST_F(MembersTest, EndedMembershipsStopCountingAndFreeTheCitizenId) {
  const Member m = MustRegisterOfficial("Lê Văn Cường", 9, cell_, D(2025, 7, 1));
  EndMembershipRequest end;
  end.set_member_id(m.id());
  end.set_status(DECEASED);
  end.set_reason("từ trần");
  *end.mutable_effective_date() = D(2026, 2, 1);
  Member ended;
  ASSERT_TRUE(Call(&Registry::Stub::EndMembership, end, &ended).ok());
  EXPECT_EQ(ended.status(), DECEASED);
  EXPECT_EQ(ended.ended_on().month(), 2);
  const auto january = D(2026, 1, 31);
  EXPECT_EQ(Summary(ward_, &january).official_member_count(), 1);
  EXPECT_EQ(Summary(ward_).member_count(), 0);
  // Lists show living members unless asked for others.
  ListMembersRequest list;
  list.set_organization_id(cell_);
  EXPECT_TRUE(MemberNames(list).empty());
  list.set_status(DECEASED);
  EXPECT_THAT(MemberNames(list), ElementsAre("Lê Văn Cường"));
  // Nothing can happen to the membership after it ended.
  end.set_status(REMOVED);
  EXPECT_EQ(Reason(Call(&Registry::Stub::EndMembership, end, &ended)), "MEMBERSHIP_ENDED");
  // The citizen ID may be used by a living member again (e.g. data entered wrongly before).
  MustAdmit("Lê Văn Cường", 9, neighbourhood_, D(2026, 3, 3));
}

TEST_F(MembersTest, BadInputIsRefusedAndChangesNothing) {
  MustAdmit("Nguyễn Văn An", 1, cell_, D(2025, 9, 2));
  const SubtreeSummary before = Summary(ward_);
  Member ignored;
  auto request = AdmitRequest("Phạm Văn Đức", 1, cell_, D(2025, 9, 2));
  grpc::Status status = Call(&Registry::Stub::AdmitMember, request, &ignored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Reason(status), "CITIZEN_ID_TAKEN");
  EXPECT_THAT(status.error_message(), ::testing::Not(HasSubstr(CitizenId(1))));

  request = AdmitRequest("", 2, cell_, D(2025, 9, 2));
  request.mutable_member()->set_citizen_id("12345");
  request.mutable_member()->set_sex(SEX_UNSPECIFIED);
  request.mutable_member()->clear_date_of_birth();
  status = Call(&Registry::Stub::AdmitMember, request, &ignored);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  const auto fields = BadFields(status);
  for (const char* f : {"member.full_name", "member.citizen_id", "member.sex", "member.date_of_birth"}) {
    EXPECT_THAT(fields, Contains(f));
  }

  request = AdmitRequest("Phạm Văn Đức", 2, cell_, D(2025, 9, 2));
  *request.mutable_member()->mutable_date_of_birth() = D(2008, 1, 1);
  EXPECT_EQ(Reason(Call(&Registry::Stub::AdmitMember, request, &ignored)), "TOO_YOUNG");
  EXPECT_EQ(Reason(Call(&Registry::Stub::AdmitMember, AdmitRequest("Phạm Văn Đức", 2, ward_, D(2025, 9, 2)), &ignored)),
            "KIND_HOLDS_NO_MEMBERS");
  EXPECT_EQ(Reason(Call(&Registry::Stub::AdmitMember, AdmitRequest("Phạm Văn Đức", 2, cell_, D(2025, 6, 2)), &ignored)),
            "ORGANIZATION_NOT_ESTABLISHED");
  EXPECT_EQ(Call(&Registry::Stub::AdmitMember, AdmitRequest("Phạm Văn Đức", 2, "999", D(2025, 9, 2)), &ignored)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(Summary(ward_).SerializeAsString(), before.SerializeAsString());

  DissolveOrganizationRequest dissolve;
  dissolve.set_id(cell_);
  *dissolve.mutable_effective_date() = D(2026, 1, 1);
  Organization org;
  EXPECT_EQ(Reason(Call(&Registry::Stub::DissolveOrganization, dissolve, &org)), "HAS_MEMBERS");
}

TEST_F(MembersTest, CorrectionsApplyToTheWholeHistoryAndAreRecorded) {
  const Member m = MustAdmit("Nguyen Van Anh", 1, cell_, D(2025, 9, 2));
  UpdateMemberRequest update;
  update.mutable_member()->set_id(m.id());
  update.mutable_member()->set_full_name("Nguyễn Văn Anh");
  update.mutable_update_mask()->add_paths("full_name");
  update.set_etag("stale");
  Member corrected;
  EXPECT_EQ(Call(&Registry::Stub::UpdateMember, update, &corrected).error_code(), grpc::StatusCode::ABORTED);
  update.set_etag(m.etag());
  update.mutable_update_mask()->add_paths("organization_id");
  EXPECT_THAT(BadFields(Call(&Registry::Stub::UpdateMember, update, &corrected)), Contains("update_mask"));
  update.mutable_update_mask()->clear_paths();
  update.mutable_update_mask()->add_paths("full_name");
  ASSERT_TRUE(Call(&Registry::Stub::UpdateMember, update, &corrected).ok());
  EXPECT_EQ(corrected.full_name(), "Nguyễn Văn Anh");

  GetMemberRequest get;
  get.set_id(m.id());
  *get.mutable_as_of() = D(2025, 9, 2);
  Member then;
  ASSERT_TRUE(Call(&Registry::Stub::GetMember, get, &then).ok());
  EXPECT_EQ(then.full_name(), "Nguyễn Văn Anh");

  ListMemberEventsRequest history;
  history.set_member_id(m.id());
  ListMemberEventsResponse events;
  ASSERT_TRUE(Call(&Registry::Stub::ListMemberEvents, history, &events).ok());
  ASSERT_EQ(events.events_size(), 2);
  EXPECT_EQ(events.events(0).type(), ADMITTED);
  EXPECT_EQ(events.events(1).type(), CORRECTED);
  EXPECT_EQ(events.events(1).actor(), "clerk@phucloi");
  EXPECT_EQ(events.events(1).member().citizen_id(), "********0001");
}

TEST_F(MembersTest, MembersFollowMovesAndMergesAndCountsStayRightAsOf) {
  for (int i = 1; i <= 3; ++i) MustRegisterOfficial("Giáo viên " + std::to_string(i), i, cell_, D(2025, 7, 1));
  const Member probationary = MustAdmit("Giáo viên mới", 4, cell_, D(2025, 10, 1));
  // The school's committee is handed to Bồ Đề ward on 1/1/2026.
  MoveOrganizationsRequest move;
  move.add_organization_ids(committee_);
  move.set_new_parent_id(other_ward_);
  *move.mutable_effective_date() = D(2026, 1, 1);
  MoveOrganizationsResponse moved;
  ASSERT_TRUE(Call(&Registry::Stub::MoveOrganizations, move, &moved).ok());
  const auto december = D(2025, 12, 31), january = D(2026, 1, 1);
  EXPECT_EQ(Summary(ward_, &december).member_count(), 4);
  EXPECT_EQ(Summary(ward_, &january).member_count(), 0);
  EXPECT_EQ(Summary(other_ward_, &january).official_member_count(), 3);
  EXPECT_EQ(Summary(other_ward_, &january).probationary_member_count(), 1);
  EXPECT_EQ(Summary(hanoi_, &january).member_count(), 4);

  // On 1/3/2026 the teachers' cell merges into a new cell of the same committee.
  MergeOrganizationsRequest merge;
  merge.add_source_ids(cell_);
  Organization* successor = merge.mutable_new_organization();
  successor->set_name("Chi bộ giáo viên và nhân viên");
  successor->set_kind(CELL);
  successor->set_parent_id(committee_);
  *merge.mutable_effective_date() = D(2026, 3, 1);
  MergeOrganizationsResponse merged;
  grpc::Status status = Call(&Registry::Stub::MergeOrganizations, merge, &merged);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const std::string new_cell = merged.successor().id();
  const auto february = D(2026, 2, 28), march = D(2026, 3, 1);
  GetMemberRequest get;
  get.set_id(probationary.id());
  *get.mutable_as_of() = february;
  Member m;
  ASSERT_TRUE(Call(&Registry::Stub::GetMember, get, &m).ok());
  EXPECT_EQ(m.organization_id(), cell_);
  *get.mutable_as_of() = march;
  ASSERT_TRUE(Call(&Registry::Stub::GetMember, get, &m).ok());
  EXPECT_EQ(m.organization_id(), new_cell);
  EXPECT_EQ(Summary(new_cell, &march).member_count(), 4);
  EXPECT_EQ(Summary(cell_, &february).member_count(), 4);
  EXPECT_EQ(Summary(committee_, &february).member_count(), 4);
  EXPECT_EQ(Summary(committee_, &march).member_count(), 4);
  ListMembersRequest list;
  list.set_organization_id(new_cell);
  EXPECT_EQ(MemberNames(list).size(), 4u);

  ListMemberEventsRequest history;
  history.set_member_id(probationary.id());
  ListMemberEventsResponse events;
  ASSERT_TRUE(Call(&Registry::Stub::ListMemberEvents, history, &events).ok());
  ASSERT_EQ(events.events_size(), 2);
  EXPECT_EQ(events.events(1).type(), MEMBER_MOVED);
  EXPECT_EQ(events.events(1).previous_organization_id(), cell_);
  EXPECT_EQ(events.events(1).organization_id(), new_cell);
}

TEST_F(MembersTest, FindingsNameWhatTheOfficeMustActOn) {
  // Today is 1/7/2026 (the fixture's clock).
  MustRegisterOfficial("Cán bộ 1", 1, cell_, D(2025, 7, 1));
  const Member ending = MustAdmit("Đảng viên dự bị A", 2, cell_, D(2025, 7, 20));  // probation ends 20/7/2026
  // Admitted elsewhere on 30/6/2025, registered here on 1/7/2025: probation ended 30/6/2026.
  RegisterMemberRequest register_overdue;
  *register_overdue.mutable_member() = AdmitRequest("Đảng viên dự bị B", 3, cell_, D(2025, 7, 1)).member();
  register_overdue.mutable_member()->set_status(PROBATIONARY);
  *register_overdue.mutable_member()->mutable_admitted_on() = D(2025, 6, 30);
  *register_overdue.mutable_effective_date() = D(2025, 7, 1);
  Member overdue;
  ASSERT_TRUE(Call(&Registry::Stub::RegisterMember, register_overdue, &overdue).ok());
  for (int i = 10; i < 40; ++i) MustRegisterOfficial("Hội viên " + std::to_string(i), i, neighbourhood_, D(2025, 7, 1));

  const SubtreeSummary summary = Summary(ward_);
  EXPECT_EQ(summary.official_member_count(), 31);
  EXPECT_EQ(summary.probationary_member_count(), 2);
  std::map<FindingKind, std::vector<Finding>> by_kind;
  for (const auto& f : summary.findings()) by_kind[f.kind()].push_back(f);
  ASSERT_EQ(by_kind[TOO_FEW_OFFICIAL_MEMBERS].size(), 1u);
  EXPECT_EQ(by_kind[TOO_FEW_OFFICIAL_MEMBERS][0].organization_id(), cell_);
  EXPECT_EQ(by_kind[TOO_FEW_OFFICIAL_MEMBERS][0].count(), 1);
  ASSERT_EQ(by_kind[GRASSROOTS_CELL_TOO_LARGE].size(), 1u);
  EXPECT_EQ(by_kind[GRASSROOTS_CELL_TOO_LARGE][0].organization_id(), neighbourhood_);
  ASSERT_EQ(by_kind[PROBATION_ENDING].size(), 1u);
  EXPECT_EQ(by_kind[PROBATION_ENDING][0].member_id(), ending.id());
  EXPECT_EQ(by_kind[PROBATION_ENDING][0].due_on().day(), 20);
  // Without a deadlines service no recognition clock runs: the recognition is due, by a day unknown.
  ASSERT_EQ(by_kind[RECOGNITION_DUE].size(), 1u);
  EXPECT_EQ(by_kind[RECOGNITION_DUE][0].member_id(), overdue.id());
  EXPECT_FALSE(by_kind[RECOGNITION_DUE][0].has_due_on());
  EXPECT_TRUE(by_kind[RECOGNITION_OVERDUE].empty());

  // As of a day a year earlier, neither probation is near its end yet.
  const auto earlier = D(2025, 8, 1);
  const SubtreeSummary then = Summary(ward_, &earlier);
  for (const auto& f : then.findings()) {
    EXPECT_NE(f.kind(), PROBATION_ENDING);
    EXPECT_NE(f.kind(), RECOGNITION_DUE);
  }
}

TEST_F(MembersTest, ARetriedAdmissionAdmitsOnce) {
  auto request = AdmitRequest("Vũ Thị Lan", 21, cell_, D(2025, 9, 2));
  request.set_request_id("admit-vu-thi-lan");
  Member first, second;
  ASSERT_TRUE(Call(&Registry::Stub::AdmitMember, request, &first).ok());
  ASSERT_TRUE(Call(&Registry::Stub::AdmitMember, request, &second).ok());
  EXPECT_EQ(first.id(), second.id());
  EXPECT_EQ(Summary(cell_).member_count(), 1);
}

}  // namespace
}  // namespace haicap::registry::testing
