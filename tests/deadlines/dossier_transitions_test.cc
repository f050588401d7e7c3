// The legal status table of DossierStatus over real gRPC: every legal change is accepted, every
// other one refused with FAILED_PRECONDITION and without any change.
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tests/deadlines/deadlines_fixture.h"

namespace haicap::deadlines::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;

class DossierTransitionsTest : public DeadlinesTest {
 protected:
  // A new dossier brought to the end of `path` by legal calls; 5 by RequestSupplement.
  std::string Reach(const std::vector<DossierStatus>& path) {
    const std::string id = absl::StrCat("path-", ++made_);
    CreateDossierRequest request = NewDossier(id, kPhucLoi, 10);
    request.mutable_dossier()->set_status(path.front());
    MustCreate(request);
    for (size_t i = 1; i < path.size(); ++i) {
      if (path[i] == SUPPLEMENT_REQUESTED) {
        MustRequestSupplement(id);
      } else {
        MustTransition(id, path[i], "Công dân đề nghị");
      }
    }
    EXPECT_EQ(MustGet(id).status(), path.back()) << id;
    return id;
  }

  int made_ = 0;
};

TEST_F(DossierTransitionsTest, EveryLegalChangeIsAccepted) {
  SetNow(2026, 1, 12, 9, 0);
  const std::vector<std::pair<std::vector<DossierStatus>, DossierStatus>> legal = {
      {{NEW_REGISTERED}, RECEIVED},
      {{NEW_REGISTERED}, NOT_ACCEPTED},
      {{NEW_REGISTERED}, WITHDRAWN},
      {{RECEIVED}, PROCESSING},
      {{RECEIVED}, NOT_ACCEPTED},
      {{RECEIVED}, WITHDRAWN},
      {{RECEIVED}, STOPPED},
      {{RECEIVED}, PROCESSED},
      {{RECEIVED, PROCESSING}, FINANCIAL_OBLIGATION},
      {{RECEIVED, PROCESSING}, WITHDRAWN},
      {{RECEIVED, PROCESSING}, STOPPED},
      {{RECEIVED, PROCESSING}, PROCESSED},
      {{RECEIVED, PROCESSING, FINANCIAL_OBLIGATION}, PROCESSING},
      {{RECEIVED, PROCESSING, FINANCIAL_OBLIGATION}, WITHDRAWN},
      {{RECEIVED, PROCESSING, FINANCIAL_OBLIGATION}, STOPPED},
      {{RECEIVED, PROCESSING, FINANCIAL_OBLIGATION}, PROCESSED},
      {{RECEIVED, PROCESSING, PROCESSED}, RESULT_RETURNED},
      {{RECEIVED, SUPPLEMENT_REQUESTED}, WITHDRAWN},
      {{RECEIVED, PROCESSING, SUPPLEMENT_REQUESTED}, STOPPED},
      {{RECEIVED, PROCESSING, FINANCIAL_OBLIGATION, SUPPLEMENT_REQUESTED}, WITHDRAWN},
  };
  for (const auto& [path, to] : legal) {
    const std::string id = Reach(path);
    EXPECT_EQ(MustTransition(id, to, "Công dân đề nghị").status(), to)
        << DossierStatus_Name(path.back()) << " → " << DossierStatus_Name(to);
  }
}

TEST_F(DossierTransitionsTest, IllegalChangesAreRefusedAndChangeNothing) {
  SetNow(2026, 1, 12, 9, 0);
  struct Refusal {
    std::vector<DossierStatus> path;
    std::vector<DossierStatus> refused;
    const char* reason;
  };
  const std::vector<Refusal> refusals = {
      // Nothing is processed before it is received.
      {{NEW_REGISTERED}, {PROCESSED, PROCESSING, STOPPED, FINANCIAL_OBLIGATION, RESULT_RETURNED}, "ILLEGAL_TRANSITION"},
      {{RECEIVED}, {NEW_REGISTERED, FINANCIAL_OBLIGATION, RESULT_RETURNED}, "ILLEGAL_TRANSITION"},
      {{RECEIVED, PROCESSING}, {RECEIVED, PROCESSING, NOT_ACCEPTED, RESULT_RETURNED}, "ILLEGAL_TRANSITION"},
      {{RECEIVED, PROCESSING, FINANCIAL_OBLIGATION}, {RECEIVED, RESULT_RETURNED}, "ILLEGAL_TRANSITION"},
      // Final statuses.
      {{NEW_REGISTERED, NOT_ACCEPTED}, {RECEIVED, PROCESSING}, "ILLEGAL_TRANSITION"},
      {{RECEIVED, NOT_ACCEPTED}, {PROCESSING}, "ILLEGAL_TRANSITION"},
      {{RECEIVED, WITHDRAWN}, {PROCESSING, PROCESSED}, "ILLEGAL_TRANSITION"},
      {{RECEIVED, PROCESSING, STOPPED}, {PROCESSING, PROCESSED}, "ILLEGAL_TRANSITION"},
      {{RECEIVED, PROCESSING, PROCESSED, RESULT_RETURNED}, {PROCESSED, PROCESSING, WITHDRAWN}, "ILLEGAL_TRANSITION"},
      // Processed only goes on to the returned result.
      {{RECEIVED, PROCESSING, PROCESSED}, {PROCESSING, STOPPED, WITHDRAWN}, "ILLEGAL_TRANSITION"},
      // While waiting for the citizen only withdrawal or a stop; finishing needs the supplement first.
      {{RECEIVED, PROCESSING, SUPPLEMENT_REQUESTED}, {PROCESSED, FINANCIAL_OBLIGATION, RECEIVED}, "ILLEGAL_TRANSITION"},
      // The pause and its end have their own calls.
      {{RECEIVED}, {SUPPLEMENT_REQUESTED}, "USE_REQUEST_SUPPLEMENT"},
      {{RECEIVED, PROCESSING}, {SUPPLEMENT_REQUESTED}, "USE_REQUEST_SUPPLEMENT"},
      {{RECEIVED, PROCESSING, SUPPLEMENT_REQUESTED}, {PROCESSING}, "USE_RESUME_PROCESSING"},
  };
  for (const Refusal& r : refusals) {
    const std::string id = Reach(r.path);
    const std::string before = Snapshot(id);
    for (DossierStatus to : r.refused) {
      const grpc::Status status = Transition(id, to, "Công dân đề nghị");
      const std::string change = absl::StrCat(DossierStatus_Name(r.path.back()), " → ", DossierStatus_Name(to));
      EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << change;
      EXPECT_EQ(Reason(status), r.reason) << change << ": " << status.error_message();
    }
    EXPECT_EQ(Snapshot(id), before) << DossierStatus_Name(r.path.back());
  }

  // A status outside the table, and the reasons the final statuses need.
  const std::string id = Reach({RECEIVED});
  const std::string before = Snapshot(id);
  EXPECT_THAT(BadFields(Transition(id, DOSSIER_STATUS_UNSPECIFIED)), Contains("status"));
  for (DossierStatus to : {NOT_ACCEPTED, WITHDRAWN, STOPPED}) {
    EXPECT_THAT(BadFields(Transition(id, to)), ElementsAre("reason")) << DossierStatus_Name(to);
  }
  EXPECT_THAT(BadFields(Transition(id, STOPPED, std::string(501, 'x'))), ElementsAre("reason"));
  EXPECT_EQ(Snapshot(id), before);
  EXPECT_EQ(Transition("no-such-dossier", PROCESSING).error_code(), grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace haicap::deadlines::testing
