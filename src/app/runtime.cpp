#include "app/runtime.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>
#include <mutex>

#include "access/schema.h"
#include "app/workflow_wiring.h"
#include "notify/mailer.h"
#include "notify/sms.h"
#include "calendar/calendar_store.h"
#include "catalog/schema.h"
#include "core/crypto.h"
#include "jobs/job_table.h"
#include <spdlog/spdlog.h>

namespace kf::app {

namespace fs = std::filesystem;

void register_all_migrations() {
  static std::once_flag once;
  std::call_once(once, [] {
    db::register_migrations(access::migrations());
    db::register_migrations(catalog::migrations());
    db::register_migrations(calendar::migrations());
    db::register_migrations(workflow::migrations());
    db::register_migrations(notify::migrations());
    db::register_migrations(openlist::migrations());
    db::register_migrations(apply::migrations());
    db::register_migrations(usercentre::migrations());
    db::register_migrations(kf::jobs::migrations());
  });
}

std::string find_data_dir(const std::string& given) {
  if (!given.empty()) return given;
  if (const char* env = std::getenv("KAIFANG_DATA_DIR")) return env;
  for (const char* candidate : {"data", KF_SOURCE_DATA_DIR, "/usr/share/kaifang/data"}) {
    std::error_code ec;
    if (fs::exists(fs::path(candidate) / "regions" / "gb2260.tsv", ec)) return candidate;
  }
  return "data";
}

static fs::path base_dir(const std::string& db_url, const std::string& storage_dir) {
  if (!storage_dir.empty()) return fs::path(storage_dir);
  if (db_url.starts_with("sqlite:")) return fs::path(db_url.substr(7)).parent_path();
  return fs::path("var");
}

std::string dataset_dir(const std::string& db_url, const std::string& storage_dir) {
  return (base_dir(db_url, storage_dir) / "datasets").string();
}
std::string work_dir(const std::string& db_url, const std::string& storage_dir) {
  return (base_dir(db_url, storage_dir) / "work").string();
}

void Runtime::start_jobs() {
  if (runner) return;
  kf::jobs::RunnerOptions o;
  o.threads = config.jobs.threads;
  o.lease_ms = std::int64_t{config.jobs.lease_s} * 1000;
  o.poll_ms = config.jobs.poll_ms;
  runner = std::make_unique<kf::jobs::JobRunner>(*pool, o);  // leases on the wall clock, never a test clock
  jobs = std::make_unique<catalog::IngestJobs>(*catalog, *pool, *clock, *runner);
  runner->start();
  // Files of versions whose ingest died; young ones may be versions other processes are writing.
  constexpr std::int64_t kLeftoverAgeMs = 10 * 60 * 1000;
  auto swept = catalog->store().sweep(std::max(kLeftoverAgeMs, 2 * o.lease_ms));
  if (!swept) {
    spdlog::error("dataset files not swept: {} {}", swept.error().message, swept.error().detail);
    return;
  }
  if (swept->moved > 0) {
    spdlog::warn("moved {} dataset files that no version of this database refers to into {} (kept, not deleted; "
                 "delete that folder once nothing is missing)",
                 swept->moved, swept->folder);
  }
  if (swept->failed > 0) {
    spdlog::error("{} dataset files no version refers to could not be moved aside: {}", swept->failed,
                  swept->failure);
  }
}

Result<void> Runtime::claim_storage() { return catalog->store().claim(); }

std::string secret_path(const core::Config& cfg, const std::string& db_url) {
  if (!cfg.security.secret_file.empty()) return cfg.security.secret_file;
  if (db_url.starts_with("sqlite:")) {
    fs::path p(db_url.substr(7));
    return (p.parent_path() / "kaifang.secret").string();
  }
  return "var/kaifang.secret";
}

// The model open-use agreement of the profile (data/agreements/<profile>.md, else default.md):
// its file name and text.
static Result<std::pair<std::string, std::string>> agreement_template(const std::string& data, const std::string& profile) {
  for (const std::string& name : {profile + ".md", std::string("default.md")}) {
    fs::path p = fs::path(data) / "agreements" / name;
    std::error_code ec;
    if (!fs::exists(p, ec)) continue;
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    if (!in && !in.eof()) return Error::internal("无法读取开放利用协议示范文本：" + p.string());
    return std::make_pair(name, ss.str());
  }
  return Error::internal("缺少开放利用协议示范文本（data/agreements/default.md）");
}

Result<std::unique_ptr<Runtime>> open_runtime(const GlobalOptions& opts, SchemaMode mode,
                                              std::size_t pool_size, const core::Clock* clock) {
  auto rt = std::make_unique<Runtime>();
  if (clock) rt->clock = clock;
  if (!opts.config_file.empty()) {
    KF_ASSIGN(rt->config, core::load_config(opts.config_file));
  }
  if (!opts.storage_dir.empty()) rt->config.storage.dir = opts.storage_dir;
  KF_TRY(db::dialect_of(opts.db));
  std::string data = find_data_dir(opts.data_dir);
  KF_ASSIGN(rt->regions, core::RegionTable::load(data + "/regions/gb2260.tsv"));
  const std::string& lf = rt->config.access.licence_file;
  KF_ASSIGN(rt->licence, access::load_licence(lf.empty() ? data + "/licence/open-data-licence.toml" : lf));
  KF_ASSIGN(rt->policy, policy::find_profile(data, rt->config.policy.profile));
  KF_ASSIGN(rt->english, core::MessageCatalogue::load(data + "/i18n/errors.en.toml"));
  KF_ASSIGN(rt->brand, core::load_brand(rt->config.brand, data, rt->regions));

  register_all_migrations();
  rt->pool = std::make_unique<db::Pool>(opts.db, pool_size);
  {
    KF_ASSIGN(auto conn, rt->pool->acquire());
    if (mode == SchemaMode::migrate) {
      KF_TRY(db::migrate(*conn));
    } else {
      KF_ASSIGN(auto missing, db::missing_migrations(*conn));
      if (!missing.empty()) {
        return Error::unavailable("数据库尚未初始化或版本过旧，请先运行 kaifang init 或 kaifang migrate");
      }
    }
  }
  {
    KF_ASSIGN(auto conn, rt->pool->acquire());
    KF_ASSIGN(auto cal, calendar::load_calendar(*conn, data + "/holidays"));
    rt->calendar = std::make_unique<calendar::CalendarService>(*rt->pool, *rt->clock, std::move(cal));
  }
  KF_ASSIGN(std::string secret, core::load_or_create_secret(secret_path(rt->config, opts.db)));

  access::AccessConfig ac;
  const auto& s = rt->config.security;
  ac.secret = secret;
  ac.lockout_threshold = s.lockout_threshold;
  ac.lockout_ms = static_cast<std::int64_t>(s.lockout_minutes) * 60000;
  ac.session_ttl_ms = static_cast<std::int64_t>(s.session_ttl_minutes) * 60000;
  ac.session_idle_ms = static_cast<std::int64_t>(s.session_idle_minutes) * 60000;
  ac.password_cost.ops = s.argon2_ops;
  ac.password_cost.mem_bytes = static_cast<std::size_t>(s.argon2_mem_kib) * 1024;
  rt->access = std::make_unique<access::AccessService>(*rt->pool, *rt->clock, rt->regions, ac);
  // Keys of the keyed desensitization functions: a key file when configured, otherwise derived
  // from the deployment secret (so they too live in a file, never in the database).
  mask::Keys mask_keys;
  if (!rt->config.security.mask_keys_file.empty()) {
    KF_ASSIGN(mask_keys, mask::Keys::load(rt->config.security.mask_keys_file));
  } else {
    auto derive = [&](std::string_view purpose, std::size_t bytes) {
      std::string hex = core::keyed_hash(secret, purpose);
      std::string raw;
      for (std::size_t i = 0; i + 1 < hex.size() && raw.size() < bytes; i += 2) {
        raw.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
      }
      return raw;
    };
    mask_keys.hmac_key = derive("kaifang:mask:hmac_key", 32);
    mask_keys.sm4_key = derive("kaifang:mask:sm4_key", 16);
  }
  rt->catalog = std::make_unique<catalog::CatalogService>(
      *rt->pool, *rt->clock, rt->regions,
      catalog::CatalogConfig{dataset_dir(opts.db, rt->config.storage.dir), catalog::database_label(opts.db),
                             work_dir(opts.db, rt->config.storage.dir), std::move(mask_keys)});
  // The review workflows: due dates on the calendar the runtime holds now (an administrator's
  // correction of a year applies to the next due date computed), stages from the profile.
  calendar::CalendarService* cal = rt->calendar.get();
  rt->working_days = std::make_unique<CalendarDays>([cal] { return cal->get(); });
  access::AccessService* acc = rt->access.get();
  rt->directory = std::make_unique<AccessDirectory>(*acc);
  rt->notifier = std::make_unique<notify::Notifier>(*rt->pool, *rt->clock);
  rt->workflow = std::make_unique<workflow::Engine>(*rt->pool, *rt->clock, *rt->working_days, *rt->directory,
                                                    *rt->notifier, rt->policy.reminder_lead_wd);
  // The authority changes the state of entries of its own jurisdiction only.
  rt->catalog->on_supervision([eng = rt->workflow.get(), dir = rt->directory.get()](const catalog::Actor& a,
                                                                                    std::int64_t provider_id) {
    return eng->has_jurisdiction(workflow::Actor{a.user_id, a.username, a.roles, a.org_ids}, dir->region_of(provider_id));
  });
  rt->review = std::make_unique<review::ReviewService>(
      *rt->catalog, *rt->workflow, procedures_of(rt->policy, rt->config.workflow.default_review_wd));
  rt->review->grant_provider = [acc](db::Tx& tx, std::int64_t user_id) { return acc->add_role(tx, user_id, "provider"); };
  rt->review->register_flows();
  rt->open_lists = std::make_unique<openlist::OpenListService>(*rt->pool, *rt->clock, *rt->catalog, *rt->review,
                                                               rt->policy.open_list_due);
  rt->open_lists->register_flow();
  // Sign-in through an external identity provider ([oidc]); its client secret lives in a file.
  {
    std::string client_secret;
    if (!rt->config.oidc.issuer.empty()) {
      std::ifstream in(rt->config.oidc.client_secret_file);
      if (!in || !std::getline(in, client_secret) || client_secret.empty()) {
        return Error::invalid("无法读取 oidc.client_secret_file：" + rt->config.oidc.client_secret_file);
      }
      while (!client_secret.empty() && (client_secret.back() == '\r' || client_secret.back() == ' ')) client_secret.pop_back();
    }
    rt->oidc = std::make_unique<oidc::OidcClient>(rt->config.oidc, client_secret, secret, *rt->clock);
  }
  // Conditional data: applications on the profile's procedure, grants the access decision asks.
  {
    apply::ApplyConfig apply_cfg;
    apply_cfg.secret = secret;
    apply_cfg.conditional_downloadable = rt->policy.flags.conditional_downloadable;
    apply_cfg.sandbox = rt->policy.flags.sandbox;
    apply_cfg.publish_grant_holders = rt->policy.flags.publish_grant_holders;
    if (rt->policy.user_grades) {
      apply_cfg.grade_levels = rt->policy.user_grades->levels;
      apply_cfg.apply_grade = rt->policy.user_grades->apply;
    }
    apply_cfg.app_publish_months = rt->policy.app_publish_months;
    apply_cfg.usage_report_months = rt->policy.usage_report_months;
    apply_cfg.reevaluate_months = rt->policy.reevaluate_months;
    apply_cfg.publish_violations = rt->policy.flags.publish_violations;
    apply_cfg.conditional_label = policy::open_label(rt->policy, "conditional");
    apply_cfg.platform_name = rt->brand.config.name;
    KF_ASSIGN(std::tie(apply_cfg.agreement_template_name, apply_cfg.agreement_template), agreement_template(data, rt->policy.key));
    rt->apply = std::make_unique<apply::ApplyService>(*rt->pool, *rt->clock, *rt->catalog, *acc, *rt->review, std::move(apply_cfg));
    if (rt->policy.procedure("conditional_application")) rt->apply->register_flow();
    if (rt->policy.procedure("user_grading")) rt->apply->register_grading_flow();
    rt->apply->register_reevaluation();
    rt->grants.add(std::make_shared<apply::GrantStore>(*rt->pool, *rt->clock));
  }
  // Subscribers hear about new versions; the catalog only knows a callback.
  rt->usercentre = std::make_unique<usercentre::UserCentreService>(*rt->pool, *rt->clock, *rt->catalog, *rt->notifier);
  rt->catalog->on_version_published([uc = rt->usercentre.get()](const catalog::Entry& e, std::int64_t version_id) {
    uc->on_version_published(e, version_id);
  });
  // E-mails and texts come from the deployment's portal ([brand]).
  {
    const auto& b = rt->brand.config;
    notify::Signature sig{b.name, b.short_name, b.url, {}};
    sig.contact = b.contact.bureau;
    if (!b.contact.phone.empty()) sig.contact += (sig.contact.empty() ? "" : " ") + b.contact.phone;
    if (!b.contact.email.empty()) sig.contact += (sig.contact.empty() ? "" : " ") + b.contact.email;
    rt->notifier->set_signature(std::move(sig));
  }
  if (const auto& sm = rt->config.smtp; !sm.host.empty()) {
    KF_ASSIGN(notify::MailConfig mc, notify::mail_config(sm));
    mc.from_name = rt->brand.config.name;
    rt->notifier->set_mailer(std::make_shared<notify::SmtpMailer>(mc),
                             [acc](std::int64_t user_id) -> std::optional<std::string> {
                               auto u = acc->get_user(user_id);
                               if (!u) return std::nullopt;
                               return u->email;
                             });
  }
  if (auto sms = notify::make_sms_sender(rt->config.sms)) {
    rt->notifier->set_sms(std::shared_ptr<notify::SmsSender>(std::move(sms)),
                          [acc](std::int64_t user_id) -> std::optional<std::string> {
                            auto u = acc->get_user(user_id);
                            if (!u) return std::nullopt;
                            return u->phone;
                          });
  }
  rt->data_dir = data;
  return rt;
}

}  // namespace kf::app
