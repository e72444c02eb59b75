// Shared set-up of the catalog tests: a provider organisation with staff, a second provider,
// and helpers to create entries, upload files and wait for their ingest jobs.
#pragma once

#include <boost/json.hpp>
#include <chrono>
#include <set>
#include <thread>

#include "harness.h"

namespace kf::test {

struct CatalogWorld {
  explicit CatalogWorld(TestServer& s) : server(s) {
    auto& access = *s.runtime().access;
    transport_id = access.create_org({"潍坊市交通运输局", "provider", "city", "370700", std::nullopt})->id;
    market_id = access.create_org({"潍坊市市场监督管理局", "provider", "city", "370700", std::nullopt})->id;
    s.make_user("transport", "provider", transport_id);
    s.make_user("market", "provider", market_id);
  }

  Client login(const std::string& user) {
    Client c = server.client();
    auto r = c.login(user, TestServer::kPassword);
    if (r.status != 200) throw std::runtime_error("login " + user + ": " + r.body);
    return c;
  }

  // A minimal valid entry description with the given dictionary.
  static boost::json::object entry(const std::string& code, const std::string& name, boost::json::array fields,
                                   const std::string& domain = "交通") {
    return {{"code", code},         {"name", name},         {"summary", name + "，按月更新。"},
            {"domain", domain},     {"keywords", boost::json::array{domain}},
            {"region_code", "370700"}, {"formats", boost::json::array{"csv"}},
            {"update_frequency", "monthly"}, {"fields", std::move(fields)}};
  }
  static boost::json::object field(const std::string& name, const std::string& type, bool key = false) {
    return {{"name", name}, {"label", name}, {"type", type}, {"key", key}, {"nullable", !key}};
  }

  // Uploads `bytes` and waits (bounded) for the job to end; returns the finished job.
  boost::json::object upload(Client& c, const std::string& code, const std::string& filename,
                             const std::string& bytes, const std::string& mode = "reject") {
    auto r = c.request("POST", "/api/v1/entries/" + code + "/uploads?mode=" + mode + "&filename=" + filename, bytes,
                       {{"X-CSRF-Token", c.csrf}, {"Content-Type", "application/octet-stream"}});
    if (r.status != 202) throw std::runtime_error("upload: " + r.body);
    auto id = r.json().at("id").as_int64();
    for (int i = 0; i < 3000; ++i) {
      auto job = c.get("/api/v1/jobs/" + std::to_string(id)).json().as_object();
      auto state = job.at("state").as_string();
      if (state != "queued" && state != "running") return job;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("job did not finish");
  }

  TestServer& server;
  std::int64_t transport_id = 0;
  std::int64_t market_id = 0;
};

}  // namespace kf::test
