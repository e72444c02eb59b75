// The data API (issue 4, ACC-2): a query in the SoQL subset over the published version of an
// entry, with the catalog's data access rules.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/service.h"
#include "query/query.h"

namespace kf::serve {

struct RowsResult {
  std::vector<query::OutputColumn> columns;
  std::vector<std::vector<db::Value>> rows;
  std::optional<std::int64_t> total;  // when asked for
};

// Errors: those of the catalog (not_found) and of the
// query compiler (invalid_argument "invalid_query" with field "$where:17").
// `permit`: what the access decision allowed (the caller asked it first).
Result<RowsResult> query_rows(catalog::CatalogService& catalog, const catalog::Actor* actor,
                              const std::string& code, const catalog::ReadPermit& permit,
                              const query::QueryParams& params, bool with_total);

}  // namespace kf::serve
