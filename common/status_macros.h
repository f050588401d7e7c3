// RETURN_IF_ERROR and ASSIGN_OR_RETURN for absl::Status / absl::StatusOr, which Debian's abseil
// does not ship.
#pragma once

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define HAICAP_CONCAT_INNER(a, b) a##b
#define HAICAP_CONCAT(a, b) HAICAP_CONCAT_INNER(a, b)

// Returns the status from the enclosing function when `expr` is not OK.
#define RETURN_IF_ERROR(expr)                        \
  do {                                               \
    const ::absl::Status haicap_status_ = (expr);    \
    if (!haicap_status_.ok()) return haicap_status_; \
  } while (0)

// `ASSIGN_OR_RETURN(auto x, FunctionReturningStatusOr());` assigns the value or returns the error.
#define ASSIGN_OR_RETURN(lhs, expr) \
  HAICAP_ASSIGN_OR_RETURN_IMPL(HAICAP_CONCAT(haicap_statusor_, __LINE__), lhs, expr)
#define HAICAP_ASSIGN_OR_RETURN_IMPL(statusor, lhs, expr) \
  auto statusor = (expr);                                 \
  if (!statusor.ok()) return statusor.status();           \
  lhs = std::move(statusor).value()
