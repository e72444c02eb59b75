#include "catalog/due.h"

#include <algorithm>

namespace kf::catalog {

int frequency_days(std::string_view f) {
  if (f == "realtime" || f == "daily") return 1;
  if (f == "weekly") return 7;
  if (f == "monthly") return 31;
  if (f == "quarterly") return 92;
  if (f == "halfyearly") return 183;
  return 365;  // yearly, irregular: at least once a year (PUB-6)
}

std::optional<std::int64_t> next_update_due(const Entry& e) {
  if (e.state != "published") return std::nullopt;
  std::int64_t base = e.data_updated_at.value_or(e.published_at.value_or(e.updated_at));
  std::int64_t days = std::min(frequency_days(e.meta.update_frequency), 365);
  return base + days * 86400000LL;
}

}  // namespace kf::catalog
