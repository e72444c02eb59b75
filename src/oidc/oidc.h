// Sign-in through an external OpenID Connect identity provider (APP-1; Shandong art. 13: real-name
// identity from the provincial unified identity platform): the authorization code flow with PKCE
// for a confidential client ([oidc] in the configuration).
//
// begin() makes the provider's authorization URL and a short-lived cookie that carries the
// state, nonce, PKCE verifier and where to return, sealed with the deployment secret (so any
// server process can finish the sign-in; nothing is stored). finish() checks the state, exchanges
// the code at the token endpoint, checks the ID token's issuer, audience, expiry and nonce, reads
// the userinfo claims and maps them to an access::ExternalIdentity. The ID token comes straight
// from the token endpoint over the connection the client opened, so its issuer is established by
// that connection's TLS validation rather than by its signature (OpenID Connect Core 3.1.3.7,
// step 6); configure an https:// issuer in production.
#pragma once

#include <mutex>
#include <optional>
#include <string>

#include <boost/json.hpp>

#include "access/types.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/error.h"

namespace kf::oidc {

struct Begin {
  std::string redirect_url;  // the provider's authorization endpoint with our parameters
  std::string cookie_value;  // for the kf_oidc cookie (10 minutes)
};

class OidcClient {
 public:
  // `client_secret`: the secret read from client_secret_file; `seal_key`: the deployment secret.
  OidcClient(core::OidcConfig cfg, std::string client_secret, std::string seal_key, const core::Clock& clock);

  bool enabled() const { return !cfg_.issuer.empty(); }
  const std::string& label() const { return cfg_.label; }

  // `origin`: the request's scheme://host[:port], used for the redirect URI unless the
  // configuration names one. `return_to`: a path of this site to go to afterwards ("/" when it is
  // not a plain local path).
  Result<Begin> begin(const std::string& origin, const std::string& return_to);

  struct Finished {
    access::ExternalIdentity identity;
    std::string return_to;
  };
  // Errors: invalid_argument when the state or cookie does not match (a stale or forged
  // callback), unavailable when the provider cannot be reached or refuses the code, with Chinese
  // messages that never contain codes, tokens or claims.
  Result<Finished> finish(const std::string& code, const std::string& state, const std::string& cookie);

  static constexpr const char* kCookie = "kf_oidc";

 private:
  struct Endpoints {
    std::string authorization, token, userinfo;
  };
  Result<Endpoints> discover();
  std::string seal(const boost::json::object& o) const;
  Result<boost::json::object> unseal(const std::string& v) const;

  core::OidcConfig cfg_;
  std::string client_secret_;
  std::string seal_key_;
  const core::Clock& clock_;
  std::mutex mu_;
  std::optional<Endpoints> endpoints_;  // discovery, cached once it succeeded
};

// URL-safe base64 without padding (RFC 4648 §5), and its decoding (nullopt when malformed).
std::string base64url(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace kf::oidc
