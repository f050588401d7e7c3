// haicapctl: the admin command line of the haicap services. See app.h.
#include <iostream>

#include "tools/haicapctl/core/app.h"

int main(int argc, char** argv) {
  return haicap::ctl::RunHaicapctl(argc, argv, std::cout, std::cerr);
}
