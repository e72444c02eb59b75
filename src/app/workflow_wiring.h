// Wiring of the workflow engine to the national calendar and the policy profile.
#pragma once

#include <functional>
#include <memory>

#include <map>
#include <mutex>

#include "access/service.h"
#include "calendar/calendar.h"
#include "policy/profile.h"
#include "review/review.h"
#include "workflow/workflow.h"

namespace kf::app {

// Working days from the calendar the runtime currently holds (admins may replace a year).
class CalendarDays final : public workflow::WorkingDays {
 public:
  using Source = std::function<std::shared_ptr<const calendar::WorkCalendar>()>;
  explicit CalendarDays(Source source) : source_(std::move(source)) {}
  std::string add(const std::string& date, int n) const override;
  int between(const std::string& a, const std::string& b) const override;

 private:
  Source source_;
};

// The engine's view of organisations and roles, from the access module. Regions of
// organisations are cached (they do not change once an organisation exists). Thread-safe.
class AccessDirectory final : public workflow::Directory {
 public:
  explicit AccessDirectory(access::AccessService& access) : access_(access) {}
  std::string region_of(std::int64_t org_id) const override;
  Result<std::vector<std::int64_t>> users_with_role(const std::string& role,
                                                    std::optional<std::int64_t> org) const override;
  Result<std::vector<std::int64_t>> authorities_over(const std::string& region) const override;

 private:
  access::AccessService& access_;
  mutable std::mutex mu_;
  mutable std::map<std::int64_t, std::string> regions_;
};

// The profile's enabled procedures as engine stages. Automatic (system) stages are left out
// (the platform runs them when a case is submitted); optional stages stay, flagged; stages of
// people the platform has no role for (experts) are organised by the authority; a review stage
// the source document gives no deadline gets `default_review_wd`; a procedure that does not
// start with the submitter gets a "submit" stage.
review::Procedures procedures_of(const policy::Profile& profile, int default_review_wd);

}  // namespace kf::app
