// Logging set-up: JSON lines in production, readable text on a terminal (spdlog).
// Never log personal data (ID numbers, phone numbers, names, passwords, tokens).
#pragma once

#include <spdlog/spdlog.h>

#include <string>

namespace kf::core {

// format: "json", "text" or "auto" (text when stderr is a terminal). level: spdlog level name.
void init_logging(const std::string& format, const std::string& level);

// Escapes a string for inclusion inside a JSON string literal.
std::string json_escape(std::string_view s);

}  // namespace kf::core
