// CreateDossier and the other mutations over real gRPC: request_id retries give the first answer,
// bad input is refused naming its fields and creates nothing.
#include <string>
#include <vector>

#include "tests/deadlines/deadlines_fixture.h"

namespace haicap::deadlines::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::MatchesRegex;

using DossierRequestsTest = DeadlinesTest;

TEST_F(DossierRequestsTest, RetriesWithTheSameRequestIdGetTheFirstAnswer) {
  SetNow(2026, 1, 12, 9, 0);
  // No id given: the server assigns one, once.
  CreateDossierRequest create = NewDossier("", kPhucLoi, 5);
  create.set_request_id("motcua-phucloi-0001");
  const Dossier first = MustCreate(create);
  EXPECT_THAT(first.id(), MatchesRegex("DS-[0-9]{12}"));
  SetNow(2026, 1, 12, 9, 5);
  const Dossier again = MustCreate(create);
  EXPECT_EQ(again.id(), first.id());
  EXPECT_EQ(again.revision(), first.revision());
  ListDossiersRequest list;
  list.set_unit_code(kPhucLoi);
  ListDossiersResponse listed;
  ASSERT_TRUE(Call(&Deadlines::Stub::ListDossiers, list, &listed).ok());
  EXPECT_EQ(listed.dossiers_size(), 1);

  TransitionDossierRequest transition = TransitionTo(first.id(), PROCESSING);
  transition.set_request_id("chuyenvien-0001");
  Dossier processing, retried;
  ASSERT_TRUE(Call(&Deadlines::Stub::TransitionDossier, transition, &processing).ok());
  ASSERT_TRUE(Call(&Deadlines::Stub::TransitionDossier, transition, &retried).ok());
  EXPECT_EQ(retried.SerializeAsString(), processing.SerializeAsString());

  // A retried supplement request is the same request, not a second one.
  RequestSupplementRequest supplement = SupplementOf(first.id(), "Thiếu tờ khai");
  supplement.set_request_id("chuyenvien-0002");
  Dossier paused, paused_again;
  ASSERT_TRUE(Call(&Deadlines::Stub::RequestSupplement, supplement, &paused).ok());
  const grpc::Status retry = Call(&Deadlines::Stub::RequestSupplement, supplement, &paused_again);
  ASSERT_TRUE(retry.ok()) << retry.error_message();
  EXPECT_EQ(paused_again.SerializeAsString(), paused.SerializeAsString());
  const Dossier read = MustGet(first.id());
  EXPECT_EQ(read.supplements_size(), 1);
  EXPECT_EQ(read.history_size(), 3);  // created, to processing, supplement requested
  EXPECT_EQ(read.history(1).request_id(), "chuyenvien-0001");
}

TEST_F(DossierRequestsTest, BadInputIsRefusedAndCreatesNothing) {
  SetNow(2026, 1, 12, 9, 0);
  MustCreate("H26.0001", kPhucLoi, 5);
  // The fields named when a good request is spoilt by `change`.
  const auto with = [&](auto change) {
    CreateDossierRequest request = NewDossier("H26.0002", kPhucLoi, 5);
    change(*request.mutable_dossier());
    Dossier ignored;
    const grpc::Status status = Call(&Deadlines::Stub::CreateDossier, request, &ignored);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
    return BadFields(status);
  };

  EXPECT_THAT(with([](Dossier& d) { d.clear_unit_code(); }), ElementsAre("dossier.unit_code"));
  EXPECT_THAT(with([](Dossier& d) { d.set_unit_code("99999"); }), ElementsAre("dossier.unit_code"));  // no such commune
  EXPECT_THAT(with([](Dossier& d) { d.set_unit_code("99"); }), ElementsAre("dossier.unit_code"));     // no such province
  EXPECT_THAT(with([](Dossier& d) { d.set_unit_code("chibo-3"); }), ElementsAre("dossier.unit_code"));  // not a place
  EXPECT_THAT(with([](Dossier& d) { d.clear_kind(); }), Contains("dossier.kind"));
  EXPECT_THAT(with([](Dossier& d) { d.mutable_duration()->set_amount(3651); }), ElementsAre("dossier.duration.amount"));
  EXPECT_THAT(with([](Dossier& d) { d.mutable_duration()->set_amount(-1); }), ElementsAre("dossier.duration.amount"));
  EXPECT_THAT(with([](Dossier& d) {
                d.mutable_duration()->set_unit(WORKING_HOURS);
                d.mutable_duration()->set_amount(10001);
              }),
              ElementsAre("dossier.duration.amount"));
  EXPECT_THAT(with([](Dossier& d) { d.mutable_duration()->clear_unit(); }), ElementsAre("dossier.duration.unit"));
  EXPECT_THAT(with([](Dossier& d) { *d.mutable_received_at() = At(2026, 1, 12, 9, 30); }),
              ElementsAre("dossier.received_at"));  // in the future
  EXPECT_THAT(with([](Dossier& d) { d.set_id("DS-000000000001"); }), ElementsAre("dossier.id"));  // the server's
  EXPECT_THAT(with([](Dossier& d) { d.set_id("hồ sơ 1"); }), ElementsAre("dossier.id"));
  EXPECT_THAT(with([](Dossier& d) { d.set_id(std::string(65, 'a')); }), ElementsAre("dossier.id"));
  EXPECT_THAT(with([](Dossier& d) { d.set_subject(std::string(201, 'a')); }), ElementsAre("dossier.subject"));
  EXPECT_THAT(with([](Dossier& d) { d.set_status(PROCESSING); }), ElementsAre("dossier.status"));
  // Several at once are named together.
  const auto fields = with([](Dossier& d) {
    d.set_unit_code("");
    d.mutable_duration()->set_amount(-3);
  });
  EXPECT_THAT(fields, Contains("dossier.unit_code"));
  EXPECT_THAT(fields, Contains("dossier.duration.amount"));

  Dossier ignored;
  CreateDossierRequest unknown_calendar = NewDossier("H26.0002", kPhucLoi, 5);
  unknown_calendar.mutable_dossier()->set_calendar_id("VN-99");
  EXPECT_EQ(Call(&Deadlines::Stub::CreateDossier, unknown_calendar, &ignored).error_code(), grpc::StatusCode::NOT_FOUND);
  const grpc::Status duplicate = Call(&Deadlines::Stub::CreateDossier, NewDossier("H26.0001", kVietHung, 1), &ignored);
  EXPECT_EQ(duplicate.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(Reason(duplicate), "DOSSIER_EXISTS");

  // A party obligation may belong to an organisation; a province centre takes procedures too.
  CreateDossierRequest obligation = NewDossier("transfers-123", "org.chibo-3", 30);
  obligation.mutable_dossier()->set_kind(PARTY_OBLIGATION);
  MustCreate(obligation);
  MustCreate("H26.0003", kHanoi, 5);

  ListDossiersRequest list;
  ListDossiersResponse listed;
  ASSERT_TRUE(Call(&Deadlines::Stub::ListDossiers, list, &listed).ok());
  std::vector<std::string> ids;
  for (const auto& d : listed.dossiers()) ids.push_back(d.id());
  EXPECT_THAT(ids, ElementsAre("H26.0001", "H26.0003", "transfers-123"));
  EXPECT_EQ(MustGet("H26.0001").history_size(), 1);

  EXPECT_EQ(Get("H26.0404", &ignored).error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(BadFields(Get("", &ignored)), ElementsAre("id"));
}

}  // namespace
}  // namespace haicap::deadlines::testing
