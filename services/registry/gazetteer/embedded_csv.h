// The gazetteer's CSV files, compiled into the library from data/ (see CMakeLists.txt).
#pragma once

#include <string_view>

namespace haicap::registry::embedded_csv {

// data/admin-units-2025-07.csv: the provinces and communes in force since 1 July 2025.
std::string_view CurrentUnits();
// data/admin-units-old-to-new-2025-07.csv: every pre-July-2025 commune and the new commune(s) it
// went into.
std::string_view OldToNew();

}  // namespace haicap::registry::embedded_csv
