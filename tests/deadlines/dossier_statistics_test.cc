// GetStatistics over real gRPC against a hand count: two wards of Hà Nội and the city's own centre
// through the first half of March 2026, with dossiers carried over from February, finished early,
// on time and late, one waiting for a supplement and one overdue at the end of the period.
#include <string>

#include "tests/deadlines/deadlines_fixture.h"

namespace haicap::deadlines::testing {
namespace {

// The fields of Statistics that are counts, in order, for one readable comparison.
struct Counts {
  int64_t carried_over, received_direct, received_online, received_postal, received_total;
  int64_t finished_early, finished_on_time, finished_late, finished_total;
  int64_t in_progress_within_time, in_progress_overdue, waiting_supplement;
  bool operator==(const Counts&) const = default;
};

Counts CountsOf(const Statistics& s) {
  return {s.carried_over(),     s.received_direct(),         s.received_online(),     s.received_postal(),
          s.received_total(),   s.finished_early(),          s.finished_on_time(),    s.finished_late(),
          s.finished_total(),   s.in_progress_within_time(), s.in_progress_overdue(), s.waiting_supplement()};
}

void PrintTo(const Counts& c, std::ostream* os) {
  *os << "{carried " << c.carried_over << "; received " << c.received_direct << " direct, " << c.received_online
      << " online, " << c.received_postal << " postal = " << c.received_total << "; finished " << c.finished_early
      << " early, " << c.finished_on_time << " on time, " << c.finished_late << " late = " << c.finished_total
      << "; open " << c.in_progress_within_time << " within time, " << c.in_progress_overdue << " overdue, "
      << c.waiting_supplement << " waiting}";
}

class DossierStatisticsTest : public DeadlinesTest {
 protected:
  // Working days below are counted on the real 2026 calendar (no holidays from 23/2 to 31/3);
  // every dossier's due time is 17:00 of the day shown.
  void SetUp() override {
    DeadlinesTest::SetUp();
    SetNow(2026, 2, 23, 9, 0);
    Create("P3", kPhucLoi, 2, POSTAL);  // due Wed 25/2
    SetNow(2026, 2, 25, 9, 0);
    Create("P1", kPhucLoi, 5, DIRECT);  // due Wed 4/3
    SetNow(2026, 2, 25, 16, 0);
    Finish("P3");  // on time, before the period
    SetNow(2026, 2, 26, 9, 0);
    Create("P2", kVietHung, 3, ONLINE);  // due Tue 3/3
    SetNow(2026, 2, 27, 10, 0);
    Create("P4", kPhucLoi, 20, DIRECT);  // due Fri 27/3
    MustTransition("P4", PROCESSING);

    SetNow(2026, 3, 2, 9, 0);
    Create("R1", kPhucLoi, 3, DIRECT);           // due Thu 5/3
    Create("R8", kPhucLoi, 10, DIRECT);          // due Mon 16/3 (before its pauses)
    Create("N1", kVietHungQuangNinh, 1, DIRECT);  // another province
    CreateDossierRequest obligation = NewDossier("N2", "org.chibo-3", 5);  // an organisation's clock
    obligation.mutable_dossier()->set_kind(PARTY_OBLIGATION);
    MustCreate(obligation);
    SetNow(2026, 3, 2, 10, 0);
    Create("R2", kPhucLoi, 5, ONLINE);  // due Mon 9/3
    CreateDossierRequest registered = NewDossier("R9", kPhucLoi, 5, WORKING_DAYS, ONLINE);
    registered.mutable_dossier()->set_status(NEW_REGISTERED);  // never accepted: never received
    MustCreate(registered);

    SetNow(2026, 3, 3, 9, 0);
    Create("R3", kVietHung, 2, DIRECT);  // due Thu 5/3
    Create("N3", kHanoi, 5, DIRECT);     // the city's own centre, due Tue 10/3
    MustTransition("R8", PROCESSING);
    MustRequestSupplement("R8");
    Finish("N1");
    SetNow(2026, 3, 3, 10, 0);
    Create("R4", kVietHung, 2, POSTAL);  // due Thu 5/3
    MustTransition("R4", PROCESSING);
    MustResume("R8");
    SetNow(2026, 3, 3, 11, 0);
    MustRequestSupplement("R8", /*force=*/true);
    Finish("P1");  // early
    SetNow(2026, 3, 3, 11, 15);
    MustResume("R8");

    SetNow(2026, 3, 4, 9, 0);
    Create("R5", kPhucLoi, 10, ONLINE);  // due Wed 18/3 (before its pause)
    Finish("R2");                        // early
    Finish("R8");                        // late: two supplement requests
    SetNow(2026, 3, 5, 10, 0);
    MustRequestSupplement("R5");
    Finish("P2");  // late
    SetNow(2026, 3, 5, 15, 0);
    Finish("R1");  // on time
    SetNow(2026, 3, 6, 10, 0);
    Finish("R3");  // late
    Finish("N3");  // early
    SetNow(2026, 3, 9, 9, 0);
    Create("R6", kVietHung, 10, ONLINE);  // due Mon 23/3
    Create("R7", kPhucLoi, 1, DIRECT);    // due Tue 10/3
    SetNow(2026, 3, 10, 10, 0);
    MustTransition("R7", STOPPED, "Công dân không đến bổ sung");  // stopped on the due date: on time

    // After the period.
    SetNow(2026, 3, 16, 9, 0);
    MustResume("R5");
    Create("R10", kPhucLoi, 1, DIRECT);  // due Tue 17/3
    SetNow(2026, 3, 17, 10, 0);
    Finish("P4");  // early
    Finish("R4");  // late
    SetNow(2026, 3, 18, 12, 0);
  }

  void Create(const std::string& id, const std::string& unit, int64_t days, Channel channel) {
    MustCreate(NewDossier(id, unit, days, WORKING_DAYS, channel));
  }
  void Finish(const std::string& id) { MustTransition(id, PROCESSED); }

  Statistics Stats(const std::string& unit, const google::type::Date* from = nullptr,
                   const google::type::Date* to = nullptr) {
    GetStatisticsRequest request;
    request.set_unit_code(unit);
    if (from) *request.mutable_from_date() = *from;
    if (to) *request.mutable_to_date() = *to;
    Statistics statistics;
    const grpc::Status status = Call(&Deadlines::Stub::GetStatistics, request, &statistics);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return statistics;
  }

  const google::type::Date from_ = D(2026, 3, 2);
  const google::type::Date to_ = D(2026, 3, 13);
};

TEST_F(DossierStatisticsTest, APeriodMatchesTheHandCount) {
  // Phúc Lợi, 2–13/3: carried over P1 and P4 (P3 finished in February); received R1, R7, R8 direct
  // and R2, R5 online (R9 was never accepted, R10 came later); finished P1, R2 early, R1, R7 on
  // time, R8 late; open on 13/3: P4 within time, R5 waiting. 2 + 5 = 5 + 2.
  const Statistics phuc_loi = Stats(kPhucLoi, &from_, &to_);
  EXPECT_EQ(CountsOf(phuc_loi), (Counts{2, 3, 2, 0, 5, 2, 2, 1, 5, 1, 0, 1}));
  EXPECT_DOUBLE_EQ(phuc_loi.on_time_rate_percent(), 80.0);  // 4 of 5
  EXPECT_EQ(phuc_loi.unit_code(), kPhucLoi);
  EXPECT_EQ(phuc_loi.from_date().day(), 2);
  EXPECT_EQ(phuc_loi.to_date().day(), 13);

  // Việt Hưng: carried over P2; received R3 direct, R6 online, R4 postal; finished P2 and R3 late;
  // open on 13/3: R6 within time, R4 overdue (finished only on 17/3). 1 + 3 = 2 + 2.
  const Statistics viet_hung = Stats(kVietHung, &from_, &to_);
  EXPECT_EQ(CountsOf(viet_hung), (Counts{1, 1, 1, 1, 3, 0, 0, 2, 2, 1, 1, 0}));
  EXPECT_DOUBLE_EQ(viet_hung.on_time_rate_percent(), 0.0);

  // Hà Nội: both wards plus N3 at the city's own centre (received direct, finished early); not N1
  // (Quảng Ninh) nor N2 (an organisation's). 3 + 9 = 8 + 4.
  const Statistics hanoi = Stats(kHanoi, &from_, &to_);
  EXPECT_EQ(CountsOf(hanoi), (Counts{3, 5, 3, 1, 9, 3, 2, 3, 8, 2, 1, 1}));
  EXPECT_DOUBLE_EQ(hanoi.on_time_rate_percent(), 62.5);  // 5 of 8

  // The counters are durable.
  Restart();
  EXPECT_EQ(CountsOf(Stats(kHanoi, &from_, &to_)), CountsOf(hanoi));
}

TEST_F(DossierStatisticsTest, OtherPeriodsCountFromTheirOwnEnds) {
  // Phúc Lợi, 16–18/3: carried over P4 and R5 (open on 13/3); received R10; finished P4 early; open
  // on 18/3: R5 within time (resumed, its due date moved past 18/3), R10 overdue (due 17/3). 2 + 1 = 1 + 2.
  const google::type::Date from = D(2026, 3, 16), to = D(2026, 3, 18);
  const Statistics week = Stats(kPhucLoi, &from, &to);
  EXPECT_EQ(CountsOf(week), (Counts{2, 1, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0}));
  EXPECT_DOUBLE_EQ(week.on_time_rate_percent(), 100.0);

  // Việt Hưng on Monday 9/3 alone: R4 carried over and still overdue that evening, R6 received;
  // nothing finished, so the rate is 100.
  const google::type::Date monday = D(2026, 3, 9);
  const Statistics day = Stats(kVietHung, &monday, &monday);
  EXPECT_EQ(CountsOf(day), (Counts{1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 1, 0}));
  EXPECT_DOUBLE_EQ(day.on_time_rate_percent(), 100.0);

  // By default the current month to today (1–18/3): Việt Hưng also finished R4 late on 17/3.
  const Statistics month = Stats(kVietHung);
  EXPECT_EQ(CountsOf(month), (Counts{1, 1, 1, 1, 3, 0, 0, 3, 3, 1, 0, 0}));
  EXPECT_EQ(month.from_date().month(), 3);
  EXPECT_EQ(month.from_date().day(), 1);
  EXPECT_EQ(month.to_date().day(), 18);

  // An organisation's own clocks: N2 received, due Mon 9/3 and still open, so overdue.
  GetStatisticsRequest party;
  party.set_unit_code("org.chibo-3");
  party.set_kind(PARTY_OBLIGATION);
  *party.mutable_from_date() = from_;
  *party.mutable_to_date() = to_;
  Statistics obligations;
  ASSERT_TRUE(Call(&Deadlines::Stub::GetStatistics, party, &obligations).ok());
  EXPECT_EQ(CountsOf(obligations), (Counts{0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0}));
  party.set_unit_code(kHanoi);
  ASSERT_TRUE(Call(&Deadlines::Stub::GetStatistics, party, &obligations).ok());
  EXPECT_EQ(CountsOf(obligations), (Counts{}));

  GetStatisticsRequest backwards;
  backwards.set_unit_code(kPhucLoi);
  *backwards.mutable_from_date() = to_;
  *backwards.mutable_to_date() = from_;
  Statistics ignored;
  EXPECT_EQ(Call(&Deadlines::Stub::GetStatistics, backwards, &ignored).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace haicap::deadlines::testing
