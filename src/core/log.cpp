#include "core/log.h"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <unistd.h>

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <cstdio>
#include <mutex>

#include "core/clock.h"

namespace kf::core {
namespace {

// Writes one JSON object per line. A message that is itself a JSON object (an access-log
// event) is merged into the line; any other message becomes the "msg" field.
class JsonLineSink final : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& m) override {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(m.time.time_since_epoch());
    std::string_view text(m.payload.data(), m.payload.size());
    std::string line = "{\"ts\":\"" + iso8601(ms.count()) + "\",\"level\":\"" +
                       std::string(spdlog::level::to_string_view(m.level).data()) + "\",";
    if (text.size() >= 2 && text.front() == '{' && text.back() == '}') {
      line.append(text.substr(1));
    } else {
      line += "\"msg\":\"" + json_escape(text) + "\"}";
    }
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stderr);
  }
  void flush_() override { std::fflush(stderr); }
};

}  // namespace

void init_logging(const std::string& format, const std::string& level) {
  bool json = format == "json" || (format == "auto" && !::isatty(STDERR_FILENO));
  std::shared_ptr<spdlog::logger> logger;
  if (json) {
    logger = std::make_shared<spdlog::logger>("kaifang", std::make_shared<JsonLineSink>());
  } else {
    logger = std::make_shared<spdlog::logger>("kaifang",
                                              std::make_shared<spdlog::sinks::stderr_sink_mt>());
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %l %v");
  }
  logger->set_level(spdlog::level::from_str(level));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

std::string json_escape(std::string_view s) {
  std::string quoted = boost::json::serialize(boost::json::string(s));
  return quoted.substr(1, quoted.size() - 2);
}

}  // namespace kf::core
