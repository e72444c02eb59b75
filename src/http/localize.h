// The language of the API's error texts: Chinese by default, English when the client's
// Accept-Language prefers it (DESIGN.md §8: user-facing text Chinese by default, English
// available). Messages are written in Chinese where errors are made; the English comes from a
// core::MessageCatalogue (data/i18n/errors.en.toml) applied here, where answers leave the server.
#pragma once

#include <string_view>

#include "core/messages.h"
#include "http/request.h"

namespace kf::http {

enum class Language { zh, en };

// The language an Accept-Language header asks for among those the API speaks: English when an
// English range (en, en-GB …) has a higher quality than every Chinese one (zh, zh-CN …), the
// first listed winning a tie; Chinese otherwise, also for an empty, malformed or `*` header.
Language preferred_language(std::string_view accept_language);

// The Content-Language value of a language ("zh-CN", "en").
std::string_view language_tag(Language lang);

// Puts the error texts of an error answer (status >= 400, JSON) into `lang`: error.message, and
// the per-field message lists CKAN's validation errors carry ({"error": {"id": ["…"]}}). Sets
// Content-Language and adds Accept-Language to Vary. Other answers are left as they are; a
// message the catalogue does not know stays Chinese. `english` may be null (no catalogue).
void localize_error(Response& res, Language lang, const core::MessageCatalogue* english);

}  // namespace kf::http
