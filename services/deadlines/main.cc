// haicap-deadlines: working-day calendars and due dates.
#include "common/server/server_main.h"
#include "services/deadlines/deadlines_server.h"

int main(int argc, char** argv) {
  return haicap::server::RunServerMain<haicap::deadlines::DeadlinesServer>(
      argc, argv, "deadlines",
      "haicap-deadlines: working-day calendars (holidays, make-up days, office hours) and due dates", 50053);
}
