// Update frequency and due dates (PUB-6).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "catalog/entry.h"

namespace kf::catalog {

// Days between updates for a frequency; irregular entries are due once a year, and no
// published entry may go more than a year without an update.
int frequency_days(std::string_view frequency);

// When the next data update of a published entry is due (ms), from the last data update
// (or publication). nullopt for entries that are not published.
std::optional<std::int64_t> next_update_due(const Entry& e);

}  // namespace kf::catalog
