// k-anonymity over quasi-identifiers (MSK-5), on the data as it would be published.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace kf::mask {

struct KAnonymityReport {
  std::size_t k = 0;               // the k asked for
  std::size_t smallest_class = 0;  // size of the smallest equivalence class (0 for no rows)
  std::size_t rows_below_k = 0;    // rows in classes smaller than k
  std::size_t classes = 0;         // number of equivalence classes
};

// Rows are grouped by their values in `quasi_identifier_columns` (a missing cell counts as "").
// With no quasi-identifier every row is in one class.
KAnonymityReport k_anonymity(const std::vector<std::vector<std::string>>& rows,
                             const std::vector<std::size_t>& quasi_identifier_columns,
                             std::size_t k);

struct KAnonymitySuppression {
  KAnonymityReport before;
  std::vector<std::size_t> rows_to_suppress;  // indices into `rows`, ascending
};

// The report and the rows to drop so that every remaining class has at least k rows.
KAnonymitySuppression k_anonymity_suppress(const std::vector<std::vector<std::string>>& rows,
                                           const std::vector<std::size_t>& quasi_identifier_columns,
                                           std::size_t k);

}  // namespace kf::mask
