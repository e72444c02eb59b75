// The annual open list and open plan (CAT-5; Shandong art. 8: published by 31 May; Hangzhou 一.5,
// Zhejiang art. 7: tasks, responsible units, timeline, priorities). Compiled from the catalog by
// the authority, reviewed on the profile's "open_list" procedure, published for the public.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/service.h"
#include "core/clock.h"
#include "db/database.h"
#include "review/review.h"
#include "workflow/workflow.h"

namespace kf::openlist {

struct OpenList {
  std::int64_t id = 0;
  int year = 0;
  int version = 1;                 // the year's compilations, 1, 2, …
  std::string state;               // draft | in_review | published
  boost::json::array items;        // the list: one object per catalog entry
  boost::json::array plan;         // the plan: one task per listed entry not yet published
  std::string due_date;            // YYYY-MM-DD: the profile's open_list_due in that year, else 12-31
  std::int64_t compiled_at = 0;
  std::string compiled_by;
  std::optional<std::int64_t> published_at;
  std::optional<std::int64_t> case_id;
  std::optional<std::string> case_state;  // of the review case, when there is one (filled on reads)
};

// Priority of a plan task: "high" for entries of a key basic / thematic database (CAT-8,
// `database_group` set) or of the domains the policies name first (transport, health and
// medical care, education, social security and employment, credit); "normal" otherwise.
std::string priority_of(const catalog::EntryMeta& m);

// The YYYY-MM-DD date by which `year`'s list is due: `mm_dd` ("05-31") in that year, or 12-31.
std::string due_date_of(int year, const std::optional<std::string>& mm_dd);

// Thread-safe; every call reads and writes the database.
class OpenListService {
 public:
  OpenListService(db::Pool& pool, const core::Clock& clock, catalog::CatalogService& catalog,
                  review::ReviewService& review, std::optional<std::string> open_list_due);

  // Authority / admin. Replaces the year's draft (or a version whose case was returned or
  // withdrawn); otherwise makes a new draft version. A published list stays published; a
  // version whose case is still open is refused (conflict).
  Result<OpenList> compile(const catalog::Actor& a, int year);
  // Authority / admin: sends a draft through the "open_list" procedure (a returned case is
  // resubmitted). unavailable when the profile has no such procedure.
  Result<workflow::Case> submit(const catalog::Actor& a, std::int64_t id, const std::string& comment);
  // An action on an open-list case (approve / return / resubmit / withdraw …); approving the
  // last stage publishes the list.
  Result<workflow::Case> act(const catalog::Actor& a, std::int64_t case_id, const std::string& action,
                             const std::string& comment);
  // The newest published list (highest year, then version); not_found when none.
  Result<OpenList> current();
  Result<OpenList> get(std::int64_t id);
  // Every version, newest year first (without items and plan when `with_items` is false).
  Result<std::vector<OpenList>> list(bool with_items);

  std::optional<std::string> open_list_due() const { return due_; }
  // Registers the "open_list" flow on the engine (once, while wiring).
  void register_flow();

 private:
  // Fills case_state from the list's case (the flow changes the list's state).
  Result<void> sync(OpenList& l);
  Result<std::vector<OpenList>> load(const std::string& where, std::vector<db::Value> params, bool with_items);

  db::Pool& pool_;
  const core::Clock& clock_;
  catalog::CatalogService& catalog_;
  review::ReviewService& review_;
  std::optional<std::string> due_;
};

std::vector<db::Migration> migrations();

boost::json::object to_json(const OpenList& l);

}  // namespace kf::openlist
