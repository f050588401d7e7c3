// A registry with a small Hà Nội tree (two wards, a school's grassroots committee with a cell, a
// neighbourhood grassroots cell) and helpers to admit and register members and to read counts
// and rosters, for the member tests.
#pragma once

#include <string>
#include <vector>

#include "tests/registry/registry_fixture.h"

namespace haicap::registry::testing {

class MembersTest : public RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    hanoi_ = MustCreate("Đảng bộ Thành phố Hà Nội", PROVINCIAL_COMMITTEE, "", "01", D(1930, 3, 1)).id();
    ward_ = MustCreate("Đảng bộ phường Phúc Lợi", COMMUNE_COMMITTEE, hanoi_, "00136", D(2025, 7, 1)).id();
    other_ward_ = MustCreate("Đảng bộ phường Bồ Đề", COMMUNE_COMMITTEE, hanoi_, "00118", D(2025, 7, 1)).id();
    committee_ = MustCreate("Đảng bộ Trường THCS Phúc Lợi", GRASSROOTS_COMMITTEE, ward_, "", D(2025, 7, 1)).id();
    cell_ = MustCreate("Chi bộ giáo viên", CELL, committee_, "", D(2025, 7, 1)).id();
    neighbourhood_ = MustCreate("Chi bộ Tổ dân phố 5", GRASSROOTS_CELL, ward_, "", D(2025, 7, 1)).id();
  }

  static std::string CitizenId(int n) {
    std::string s = std::to_string(n);
    return "001" + std::string(9 - s.size(), '0') + s;
  }

  AdmitMemberRequest AdmitRequest(const std::string& name, int n, const std::string& org, google::type::Date ceremony) {
    AdmitMemberRequest request;
    Member* m = request.mutable_member();
    m->set_full_name(name);
    *m->mutable_date_of_birth() = D(1990, 5, 17);
    m->set_sex(n % 2 ? MALE : FEMALE);
    m->set_citizen_id(CitizenId(n));
    m->set_organization_id(org);
    *request.mutable_ceremony_date() = ceremony;
    request.mutable_decision()->set_number("15-QĐ/ĐU");
    *request.mutable_decision()->mutable_date() = ceremony;
    return request;
  }

  Member MustAdmit(const std::string& name, int n, const std::string& org, google::type::Date ceremony) {
    Member member;
    grpc::Status status = Call(&Registry::Stub::AdmitMember, AdmitRequest(name, n, org, ceremony), &member);
    EXPECT_TRUE(status.ok()) << name << ": " << status.error_message();
    return member;
  }

  Member MustRegisterOfficial(const std::string& name, int n, const std::string& org, google::type::Date effective) {
    RegisterMemberRequest request;
    *request.mutable_member() = AdmitRequest(name, n, org, effective).member();
    request.mutable_member()->set_status(OFFICIAL);
    *request.mutable_member()->mutable_admitted_on() = D(2015, 3, 26);
    *request.mutable_effective_date() = effective;
    Member member;
    grpc::Status status = Call(&Registry::Stub::RegisterMember, request, &member);
    EXPECT_TRUE(status.ok()) << name << ": " << status.error_message();
    return member;
  }

  SubtreeSummary Summary(const std::string& id, const google::type::Date* as_of = nullptr) {
    SummarizeSubtreeRequest request;
    request.set_organization_id(id);
    if (as_of) *request.mutable_as_of() = *as_of;
    SubtreeSummary summary;
    grpc::Status status = Call(&Registry::Stub::SummarizeSubtree, request, &summary);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return summary;
  }

  std::vector<std::string> MemberNames(ListMembersRequest request) {
    std::vector<std::string> names;
    request.set_page_size(2);
    for (;;) {
      ListMembersResponse response;
      grpc::Status status = Call(&Registry::Stub::ListMembers, request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      for (const auto& m : response.members()) names.push_back(m.full_name());
      if (!status.ok() || response.next_page_token().empty()) return names;
      request.set_page_token(response.next_page_token());
    }
  }

  std::string hanoi_, ward_, other_ward_, committee_, cell_, neighbourhood_;
};

}  // namespace haicap::registry::testing
