#include "tools/haicapctl/core/args.h"

#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace haicap::ctl {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;

std::string Parsed(std::string_view text) {
  auto date = ParseDate(text);
  return date.ok() ? FormatDate(*date) : "error: " + std::string(date.status().message());
}

TEST(ParseDate, AcceptsIsoAndVietnameseDayFirst) {
  EXPECT_EQ(Parsed("2025-07-01"), "2025-07-01");
  EXPECT_EQ(Parsed("01/07/2025"), "2025-07-01");
  EXPECT_EQ(Parsed("1/7/2025"), "2025-07-01");
  EXPECT_EQ(Parsed(" 30/6/2025 "), "2025-06-30");
  EXPECT_EQ(Parsed("29/02/2024"), "2024-02-29");
}

TEST(ParseDate, RejectsWhatIsNotACalendarDate) {
  EXPECT_THAT(Parsed("31/02/2025"), HasSubstr("not a valid date"));
  EXPECT_THAT(Parsed("2025-13-01"), HasSubstr("not a valid date"));
  EXPECT_THAT(Parsed("01/07/1800"), HasSubstr("year must be between"));
  EXPECT_THAT(Parsed("07/2025"), HasSubstr("write 2025-07-01 or 01/07/2025"));
  EXPECT_THAT(Parsed("2025-7-1"), HasSubstr("is not a date"));
  EXPECT_THAT(Parsed("1/7/25"), HasSubstr("is not a date"));
  EXPECT_THAT(Parsed("tomorrow"), HasSubstr("is not a date"));
  EXPECT_THAT(Parsed(""), HasSubstr("is not a date"));
}

TEST(FormatDate, UnsetIsEmpty) { EXPECT_EQ(FormatDate(google::type::Date()), ""); }

TEST(ParseKind, AcceptsEnumNamesKebabFormsAndAliasesInAnyCase) {
  EXPECT_EQ(ParseKind("cell").value(), registry::CELL);
  EXPECT_EQ(ParseKind("grassroots-cell").value(), registry::GRASSROOTS_CELL);
  EXPECT_EQ(ParseKind("Commune-Committee").value(), registry::COMMUNE_COMMITTEE);
  EXPECT_EQ(ParseKind("PROVINCIAL_COMMITTEE").value(), registry::PROVINCIAL_COMMITTEE);
  EXPECT_EQ(ParseKind("commune").value(), registry::COMMUNE_COMMITTEE);
  EXPECT_EQ(ParseKind("ward").value(), registry::COMMUNE_COMMITTEE);
  EXPECT_EQ(ParseKind("province").value(), registry::PROVINCIAL_COMMITTEE);
  EXPECT_EQ(ParseKind("sub_committee").value(), registry::SUB_COMMITTEE);
}

TEST(ParseKind, RejectsUnknownAndUnspecifiedListingTheChoices) {
  auto unknown = ParseKind("party-cell");
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(std::string(unknown.status().message()),
              HasSubstr("unknown organisation kind \"party-cell\"; use one of "
                        "provincial-committee, commune-committee"));
  EXPECT_FALSE(ParseKind("organization-kind-unspecified").ok());
  EXPECT_FALSE(ParseKind("").ok());
}

TEST(ParseState, AcceptsNamesCaseInsensitively) {
  EXPECT_EQ(ParseState("active").value(), registry::ACTIVE);
  EXPECT_EQ(ParseState("DISSOLVED").value(), registry::DISSOLVED);
  EXPECT_FALSE(ParseState("closed").ok());
}

TEST(ParseAdminUnitLevel, AcceptsProvinceAndCommune) {
  EXPECT_EQ(ParseAdminUnitLevel("province").value(), registry::PROVINCE);
  EXPECT_EQ(ParseAdminUnitLevel("Commune").value(), registry::COMMUNE);
  EXPECT_FALSE(ParseAdminUnitLevel("district").ok());
}

TEST(ParseSex, AcceptsEnglishAndUnaccentedVietnamese) {
  EXPECT_EQ(ParseSex("male").value(), registry::MALE);
  EXPECT_EQ(ParseSex("F").value(), registry::FEMALE);
  EXPECT_EQ(ParseSex("nam").value(), registry::MALE);
  EXPECT_EQ(ParseSex("Nu").value(), registry::FEMALE);
  auto unknown = ParseSex("x");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message(), "unknown sex \"x\"; use one of male, female");
}

TEST(ParseMemberStatus, AcceptsNamesAndTheClerksWords) {
  EXPECT_EQ(ParseMemberStatus("probationary").value(), registry::PROBATIONARY);
  EXPECT_EQ(ParseMemberStatus("du-bi").value(), registry::PROBATIONARY);
  EXPECT_EQ(ParseMemberStatus("Chinh-Thuc").value(), registry::OFFICIAL);
  EXPECT_EQ(ParseMemberStatus("xoa_ten").value(), registry::REMOVED);
  EXPECT_EQ(ParseMemberStatus("khai-tru").value(), registry::EXPELLED);
  EXPECT_EQ(ParseMemberStatus("DECEASED").value(), registry::DECEASED);
  EXPECT_FALSE(ParseMemberStatus("member-status-unspecified").ok());
  EXPECT_FALSE(ParseMemberStatus("active").ok());
}

TEST(DescribeDecision, ShowsWhatIsKnown) {
  registry::Decision decision;
  EXPECT_EQ(DescribeDecision(decision), "");
  decision.set_number("123-QĐ/TU");
  EXPECT_EQ(DescribeDecision(decision), "123-QĐ/TU");
  decision.mutable_date()->set_year(2025);
  decision.mutable_date()->set_month(6);
  decision.mutable_date()->set_day(30);
  EXPECT_EQ(DescribeDecision(decision), "123-QĐ/TU of 2025-06-30");
  decision.clear_number();
  EXPECT_EQ(DescribeDecision(decision), "of 2025-06-30");
}

TEST(FormatVietnamTime, IsUtcPlusSeven) {
  google::protobuf::Timestamp at;
  at.set_seconds(1751302800);  // 2025-06-30 17:00 UTC
  EXPECT_EQ(FormatVietnamTime(at), "2025-07-01 00:00");
}

TEST(Labels, AreKebabCaseAndRoundTrip) {
  EXPECT_EQ(KindLabel(registry::COMMUNE_COMMITTEE), "commune-committee");
  EXPECT_EQ(KindLabel(registry::ORGANIZATION_KIND_UNSPECIFIED), "");
  EXPECT_EQ(StateLabel(registry::MERGED), "merged");
  EXPECT_EQ(AdminUnitLevelLabel(registry::PROVINCE), "province");
  EXPECT_EQ(SexLabel(registry::FEMALE), "female");
  EXPECT_EQ(SexLabel(registry::SEX_UNSPECIFIED), "");
  EXPECT_EQ(MemberStatusLabel(registry::PROBATIONARY), "probationary");
  for (const std::string& label : KindLabels()) {
    EXPECT_EQ(KindLabel(ParseKind(label).value()), label);
  }
  EXPECT_EQ(KindLabels().size(), 7u);
}

TEST(NewRequestId, IsARandomUuid) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string id = NewRequestId();
    EXPECT_THAT(id, MatchesRegex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                                 "[0-9a-f]{12}"));
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 100u);
}

}  // namespace
}  // namespace haicap::ctl
