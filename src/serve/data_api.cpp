#include "serve/data_api.h"

namespace kf::serve {

Result<RowsResult> query_rows(catalog::CatalogService& catalog, const catalog::Actor* actor,
                              const std::string& code, const catalog::ReadPermit& permit,
                              const query::QueryParams& params, bool with_total) {
  KF_ASSIGN(auto opened, catalog.open_published(actor, code, permit, false));
  db::Connection& conn = opened.table->connection();
  KF_ASSIGN(auto compiled, query::compile(params, opened.version.columns, conn.dialect(), opened.from));
  constexpr std::chrono::seconds kTimeout{10};
  KF_ASSIGN(auto rs, query::execute(conn, compiled, kTimeout));
  RowsResult out;
  out.columns = compiled.columns;
  out.rows.reserve(rs.rows.size());
  for (const auto& r : rs.rows) {
    std::vector<db::Value> cells;
    cells.reserve(r.size());
    for (std::size_t i = 0; i < r.size(); ++i) cells.push_back(r.at(i));
    out.rows.push_back(std::move(cells));
  }
  if (with_total) {
    query::CompiledQuery count{compiled.count_sql, compiled.count_params, {}, {}, {}};
    KF_ASSIGN(auto total, query::execute(conn, count, kTimeout));
    out.total = total.rows.empty() ? 0 : total.rows[0].int64(0);
  }
  return out;
}

}  // namespace kf::serve
