// Member data that cannot be true is refused by the member RPCs, naming the field and why, and
// changes nothing: dates after today (the fake clock's 1 July 2026 in Vietnam), an official date
// before the 12 months of probation are over, a member younger than 18 at admission; and a
// malformed member id is called a member id.
#include "common/civil_date.h"
#include "tests/registry/member_fixture.h"

namespace haicap::registry::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// The description of the only bad field of `status`.
std::string Description(const grpc::Status& status) {
  google::rpc::Status details;
  details.ParseFromString(status.error_details());
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad;
    if (any.UnpackTo(&bad) && bad.field_violations_size() == 1) return bad.field_violations(0).description();
  }
  return "";
}

class PlausibleMembersTest : public MembersTest {
 protected:
  RegisterMemberRequest RegisterRequest(int n, MemberStatus status, google::type::Date admitted) {
    RegisterMemberRequest request;
    *request.mutable_member() = AdmitRequest("Hoàng Văn Nam", n, cell_, admitted).member();
    request.mutable_member()->set_status(status);
    *request.mutable_member()->mutable_admitted_on() = admitted;
    // Joined the cell when it was established, or at admission if later.
    const google::type::Date established = D(2025, 7, 1);
    *request.mutable_effective_date() = DayNumber(admitted) > DayNumber(established) ? admitted : established;
    return request;
  }

  grpc::Status Register(const RegisterMemberRequest& request) {
    Member ignored;
    return Call(&Registry::Stub::RegisterMember, request, &ignored);
  }

  // Every member of the ward, serialised: for "nothing changed".
  std::string Roster() {
    ListMembersRequest request;
    request.set_organization_id(ward_);
    request.set_include_subtree(true);
    request.set_page_size(1000);
    ListMembersResponse response;
    EXPECT_TRUE(Call(&Registry::Stub::ListMembers, request, &response).ok());
    return response.SerializeAsString();
  }
};

TEST_F(PlausibleMembersTest, ACeremonyAfterTodayIsRefused) {
  const std::string before = Roster();
  Member member;
  const grpc::Status status = Call(&Registry::Stub::AdmitMember, AdmitRequest("Lê Thị Hoa", 1, cell_, D(2026, 7, 2)), &member);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(BadFields(status), ElementsAre("ceremony_date"));
  EXPECT_THAT(Description(status), HasSubstr("is after today (2026-07-01)"));
  EXPECT_EQ(Roster(), before);
  // Today is fine.
  EXPECT_TRUE(Call(&Registry::Stub::AdmitMember, AdmitRequest("Lê Thị Hoa", 1, cell_, D(2026, 7, 1)), &member).ok());
}

TEST_F(PlausibleMembersTest, ARegistrationAdmittedOrOfficialAfterTodayIsRefused) {
  const std::string before = Roster();
  grpc::Status status = Register(RegisterRequest(1, PROBATIONARY, D(2026, 7, 2)));
  EXPECT_THAT(BadFields(status), ElementsAre("member.admitted_on"));
  EXPECT_THAT(Description(status), HasSubstr("is after today (2026-07-01)"));

  RegisterMemberRequest official = RegisterRequest(2, OFFICIAL, D(2025, 1, 2));
  *official.mutable_member()->mutable_official_on() = D(2026, 7, 2);
  status = Register(official);
  EXPECT_THAT(BadFields(status), ElementsAre("member.official_on"));
  EXPECT_THAT(Description(status), HasSubstr("is after today"));

  // Official by default from the end of probation, which is still to come.
  status = Register(RegisterRequest(3, OFFICIAL, D(2025, 9, 1)));
  EXPECT_THAT(BadFields(status), ElementsAre("member.status"));
  EXPECT_THAT(Description(status), HasSubstr("probation end on 2026-09-01, after today"));
  EXPECT_EQ(Roster(), before);
}

TEST_F(PlausibleMembersTest, AnOfficialDateBeforeTheEndOfProbationIsRefused) {
  RegisterMemberRequest request = RegisterRequest(1, OFFICIAL, D(2024, 3, 1));
  *request.mutable_member()->mutable_official_on() = D(2025, 2, 28);
  const grpc::Status status = Register(request);
  EXPECT_THAT(BadFields(status), ElementsAre("member.official_on"));
  EXPECT_THAT(Description(status), HasSubstr("before the end of probation (2025-03-01)"));
  *request.mutable_member()->mutable_official_on() = D(2025, 3, 1);
  EXPECT_TRUE(Register(request).ok());
}

TEST_F(PlausibleMembersTest, AMemberYoungerThanEighteenAtAdmissionIsRefused) {
  RegisterMemberRequest request = RegisterRequest(1, OFFICIAL, D(2024, 3, 1));
  *request.mutable_member()->mutable_date_of_birth() = D(2006, 3, 2);
  const grpc::Status status = Register(request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(Reason(status), "TOO_YOUNG");
  EXPECT_THAT(status.error_message(), HasSubstr("from 2024-03-02"));
  *request.mutable_member()->mutable_date_of_birth() = D(2006, 3, 1);
  EXPECT_TRUE(Register(request).ok());
}

TEST_F(PlausibleMembersTest, ARecognitionDecidedAfterTodayIsRefused) {
  const Member m = MustAdmit("Trần Thị Bích", 7, cell_, D(2025, 7, 1));  // 12 months over today
  RecognizeOfficialRequest recognize;
  recognize.set_member_id(m.id());
  *recognize.mutable_decision()->mutable_date() = D(2026, 7, 2);
  Member member;
  const grpc::Status status = Call(&Registry::Stub::RecognizeOfficial, recognize, &member);
  EXPECT_THAT(BadFields(status), ElementsAre("decision.date"));
  EXPECT_THAT(Description(status), HasSubstr("is after today (2026-07-01)"));
  GetMemberRequest get;
  get.set_id(m.id());
  ASSERT_TRUE(Call(&Registry::Stub::GetMember, get, &member).ok());
  EXPECT_EQ(member.status(), PROBATIONARY);
  *recognize.mutable_decision()->mutable_date() = D(2026, 7, 1);
  EXPECT_TRUE(Call(&Registry::Stub::RecognizeOfficial, recognize, &member).ok());
  EXPECT_EQ(member.status(), OFFICIAL);
}

TEST_F(PlausibleMembersTest, AnElevenDigitCitizenIdGetsTheLostZeroHint) {
  AdmitMemberRequest request = AdmitRequest("Lê Thị Hoa", 1, cell_, D(2026, 6, 1));
  request.mutable_member()->set_citizen_id("79098012345");
  Member member;
  const grpc::Status status = Call(&Registry::Stub::AdmitMember, request, &member);
  EXPECT_THAT(BadFields(status), ElementsAre("member.citizen_id"));
  EXPECT_THAT(Description(status), HasSubstr("a leading zero may have been lost: format the column as text"));
  EXPECT_THAT(status.error_message(), ::testing::Not(HasSubstr("79098012345")));
}

TEST_F(PlausibleMembersTest, AMalformedMemberIdIsCalledAMemberId) {
  GetMemberRequest get;
  get.set_id("abc");
  Member member;
  grpc::Status status = Call(&Registry::Stub::GetMember, get, &member);
  EXPECT_THAT(BadFields(status), ElementsAre("id"));
  EXPECT_EQ(Description(status), "must be a member id such as \"1024\"");
  RecognizeOfficialRequest recognize;
  recognize.set_member_id("abc");
  *recognize.mutable_decision()->mutable_date() = D(2026, 7, 1);
  status = Call(&Registry::Stub::RecognizeOfficial, recognize, &member);
  EXPECT_THAT(BadFields(status), ElementsAre("member_id"));
  EXPECT_THAT(Description(status), HasSubstr("member id"));
}

}  // namespace
}  // namespace haicap::registry::testing
