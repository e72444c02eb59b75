// DCAT-AP (issue 4, item 7): the published catalog as RDF, in Turtle and JSON-LD, for
// harvesters (data.europa.eu style). One small graph model is built per request and written
// out in either syntax, so both always say the same.
//
// Absolute URLs: built from the request's Host header as http://HOST (a deployment behind TLS
// gets http:// IRIs unless the proxy rewrites; the IRIs identify, they are not fetched).
#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <map>

#include "api/compat_routes.h"
#include "core/clock.h"

namespace kf::api {

namespace json = boost::json;
using bh = http::bh::status;

std::string base_url(const Request& req) {
  std::string host(req.header("Host"));
  // Only characters of a host[:port] (and IPv6 brackets) may go into IRIs.
  bool ok = !host.empty();
  for (unsigned char c : host) {
    if (!(std::isalnum(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']' || c == '_')) ok = false;
  }
  return "http://" + (ok ? host : std::string("localhost"));
}

std::string url_encode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

namespace {

// --- a tiny RDF graph

struct Term {
  enum class Kind { iri, literal };
  Kind kind = Kind::iri;
  std::string value;
  std::string lang;      // literals: language tag
  std::string datatype;  // literals: prefixed datatype (e.g. xsd:dateTime)
};

Term iri(std::string v) { return {Term::Kind::iri, std::move(v), {}, {}}; }
Term text(std::string v, std::string lang = "zh") { return {Term::Kind::literal, std::move(v), std::move(lang), {}}; }
Term plain(std::string v) { return {Term::Kind::literal, std::move(v), {}, {}}; }
Term typed(std::string v, std::string dt) { return {Term::Kind::literal, std::move(v), {}, std::move(dt)}; }

struct Node {
  std::string id;                                     // absolute IRI
  std::vector<std::string> types;                     // prefixed names
  std::vector<std::pair<std::string, Term>> props;    // prefixed predicate -> object
  void add(std::string pred, Term t) { props.emplace_back(std::move(pred), std::move(t)); }
};

constexpr std::pair<const char*, const char*> kPrefixes[] = {
    {"dcat", "http://www.w3.org/ns/dcat#"},       {"dct", "http://purl.org/dc/terms/"},
    {"foaf", "http://xmlns.com/foaf/0.1/"},       {"xsd", "http://www.w3.org/2001/XMLSchema#"},
    {"skos", "http://www.w3.org/2004/02/skos/core#"}, {"rdfs", "http://www.w3.org/2000/01/rdf-schema#"},
    {"vcard", "http://www.w3.org/2006/vcard/ns#"},
};

// Turtle string literal: quotes, backslashes and control characters escaped; UTF-8 kept.
std::string ttl_string(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20 || c == 0x7f) out += fmt::format("\\u{:04X}", c);
        else out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// IRIs are built from percent-encoded parts and a checked host; this guards the rest.
std::string ttl_iri(std::string_view s) {
  std::string out = "<";
  for (unsigned char c : s) {
    if (c <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' || c == '`' || c == '\\') {
      out += fmt::format("%{:02X}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + ">";
}

std::string ttl_term(const Term& t) {
  if (t.kind == Term::Kind::iri) return ttl_iri(t.value);
  std::string s = ttl_string(t.value);
  if (!t.lang.empty()) return s + "@" + t.lang;
  if (!t.datatype.empty()) return s + "^^" + t.datatype;
  return s;
}

std::string to_turtle(const std::vector<Node>& nodes) {
  std::string out;
  for (const auto& [p, ns] : kPrefixes) out += fmt::format("@prefix {}: <{}> .\n", p, ns);
  for (const auto& n : nodes) {
    out += "\n" + ttl_iri(n.id);
    std::string sep = "\n  ";
    if (!n.types.empty()) {
      out += sep + "a ";
      for (std::size_t i = 0; i < n.types.size(); ++i) out += (i ? ", " : "") + n.types[i];
      sep = " ;\n  ";
    }
    for (const auto& [pred, obj] : n.props) {
      out += sep + pred + " " + ttl_term(obj);
      sep = " ;\n  ";
    }
    out += " .\n";
  }
  return out;
}

json::value jsonld_term(const Term& t) {
  if (t.kind == Term::Kind::iri) return json::object{{"@id", t.value}};
  json::object o{{"@value", t.value}};
  if (!t.lang.empty()) o["@language"] = t.lang;
  if (!t.datatype.empty()) o["@type"] = t.datatype;
  return o;
}

json::object to_jsonld(const std::vector<Node>& nodes) {
  json::object context;
  for (const auto& [p, ns] : kPrefixes) context[p] = ns;
  json::array graph;
  for (const auto& n : nodes) {
    json::object o{{"@id", n.id}};
    if (!n.types.empty()) {
      json::array types;
      for (const auto& t : n.types) types.emplace_back(t);
      o["@type"] = std::move(types);
    }
    for (const auto& [pred, obj] : n.props) {
      auto& slot = o[pred];
      if (slot.is_null()) slot = json::array{};
      slot.as_array().push_back(jsonld_term(obj));
    }
    graph.push_back(std::move(o));
  }
  return {{"@context", std::move(context)}, {"@graph", std::move(graph)}};
}

// --- DCAT-AP vocabulary

std::string frequency_iri(std::string_view f) {
  static const std::map<std::string_view, const char*> m = {
      {"realtime", "UPDATE_CONT"}, {"daily", "DAILY"},       {"weekly", "WEEKLY"},  {"monthly", "MONTHLY"},
      {"quarterly", "QUARTERLY"},  {"halfyearly", "ANNUAL_2"}, {"yearly", "ANNUAL"}, {"irregular", "IRREG"}};
  auto it = m.find(f);
  return std::string("http://publications.europa.eu/resource/authority/frequency/") +
         (it == m.end() ? "UNKNOWN" : it->second);
}

std::string access_rights_iri(std::string_view open) {
  const char* r = open == "unconditional" ? "PUBLIC" : open == "conditional" ? "RESTRICTED" : "NON_PUBLIC";
  return std::string("http://publications.europa.eu/resource/authority/access-right/") + r;
}

struct Format {
  const char* key;
  const char* eu;  // EU file-type authority table
  const char* media;
  const char* title;
};
constexpr Format kDistFormats[] = {
    {"csv", "CSV", "text/csv", "CSV"},
    {"json", "JSON", "application/json", "JSON"},
    {"xlsx", "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (XLSX)"},
};

std::string dataset_iri(const std::string& base, const std::string& code) {
  return base + "/datasets/" + url_encode(code);  // the dataset's page in the web app
}

// Adds the dataset, its distributions, its publisher and its location to `nodes`; `seen`
// avoids repeating shared nodes (publishers, locations, the licence).
void add_dataset(std::vector<Node>& nodes, std::map<std::string, bool>& seen, const std::string& base,
                 const catalog::Entry& e) {
  const auto& m = e.meta;
  const std::string id = dataset_iri(base, m.code);
  Node d{id, {"dcat:Dataset"}, {}};
  d.add("dct:identifier", plain(m.code));
  d.add("dct:title", text(m.name));
  d.add("dct:description", text(m.summary.empty() ? m.name : m.summary));
  for (const auto& k : m.keywords) d.add("dcat:keyword", text(k));
  if (!m.domain.empty() && std::find(m.keywords.begin(), m.keywords.end(), m.domain) == m.keywords.end()) {
    d.add("dcat:keyword", text(m.domain));
  }
  d.add("dcat:landingPage", iri(id));
  d.add("dct:accrualPeriodicity", iri(frequency_iri(m.update_frequency)));
  d.add("dct:accessRights", iri(access_rights_iri(m.open_attribute)));
  d.add("dct:modified", typed(core::iso8601(e.updated_at), "xsd:dateTime"));
  if (e.published_at) d.add("dct:issued", typed(core::iso8601(*e.published_at), "xsd:dateTime"));
  d.add("dct:license", iri(base + "/licence"));

  const std::string publisher = base + "/api/v1/orgs/" + std::to_string(e.provider_id);
  d.add("dct:publisher", iri(publisher));
  if (!seen[publisher]) {
    seen[publisher] = true;
    Node p{publisher, {"foaf:Agent"}, {}};
    p.add("foaf:name", text(e.provider_name));
    nodes.push_back(std::move(p));
  }
  if (!m.region_code.empty()) {
    const std::string place = base + "/regions/" + url_encode(m.region_code);
    d.add("dct:spatial", iri(place));
    if (!seen[place]) {
      seen[place] = true;
      Node l{place, {"dct:Location"}, {}};
      l.add("dct:identifier", plain(m.region_code));
      if (!e.region_name.empty()) l.add("skos:prefLabel", text(e.region_name));
      nodes.push_back(std::move(l));
    }
  }
  if (!m.contact.empty()) d.add("dcat:contactPoint", iri(id + "#contact"));

  std::vector<Node> dists;
  if (e.published_version_id) {
    for (const auto& f : kDistFormats) {
      const std::string url = base + "/api/v1/datasets/" + url_encode(m.code) + "/download?format=" + f.key;
      Node dist{id + "#" + f.key, {"dcat:Distribution"}, {}};
      dist.add("dct:title", text(m.name + "（" + f.title + "）"));
      dist.add("dcat:accessURL", iri(url));
      dist.add("dcat:downloadURL", iri(url));
      dist.add("dct:format", iri(std::string("http://publications.europa.eu/resource/authority/file-type/") + f.eu));
      dist.add("dcat:mediaType", iri(std::string("http://www.iana.org/assignments/media-types/") + f.media));
      dist.add("dct:license", iri(base + "/licence"));
      dist.add("dct:accessRights", iri(access_rights_iri(m.open_attribute)));
      if (e.data_updated_at) dist.add("dct:modified", typed(core::iso8601(*e.data_updated_at), "xsd:dateTime"));
      d.add("dcat:distribution", iri(dist.id));
      dists.push_back(std::move(dist));
    }
  }
  nodes.push_back(std::move(d));
  for (auto& x : dists) nodes.push_back(std::move(x));
  if (!m.contact.empty()) {
    Node c{id + "#contact", {"vcard:Kind"}, {}};
    c.add("vcard:fn", text(m.contact));
    nodes.push_back(std::move(c));
  }
  const std::string licence = base + "/licence";
  if (!seen[licence]) {
    seen[licence] = true;
    Node l{licence, {"dct:LicenseDocument"}, {}};
    l.add("rdfs:label", text("公共数据开放许可协议"));
    nodes.push_back(std::move(l));
  }
}

Result<std::vector<Node>> catalog_graph(ApiContext& ctx, const Request& req) {
  catalog::SearchQuery q;  // the index holds published entries only
  q.sort = "updated";
  q.page = 1;
  q.size = 1 << 30;
  KF_ASSIGN(auto r, ctx.catalog.search(q));
  const std::string base = base_url(req);
  Node cat{base + "/api/v1/dcat/catalog", {"dcat:Catalog"}, {}};
  cat.add("dct:title", text(ctx.brand.config.name));
  cat.add("dct:description", text("本平台开放的公共数据目录（DCAT-AP）"));
  cat.add("foaf:homepage", iri(base + "/"));
  cat.add("dct:publisher", iri(base + "/#platform"));
  cat.add("dct:language", iri("http://publications.europa.eu/resource/authority/language/ZHO"));
  std::vector<Node> rest;
  std::map<std::string, bool> seen;
  for (const auto* e : r.items) {
    cat.add("dcat:dataset", iri(dataset_iri(base, e->meta.code)));
    add_dataset(rest, seen, base, *e);
  }
  Node platform{base + "/#platform", {"foaf:Agent"}, {}};
  // The publisher: the bureau that runs the portal ([brand] contact.bureau), else the portal.
  const auto& brand = ctx.brand.config;
  platform.add("foaf:name", text(brand.contact.bureau.empty() ? brand.name : brand.contact.bureau));
  std::vector<Node> nodes;
  nodes.push_back(std::move(cat));
  nodes.push_back(std::move(platform));
  for (auto& n : rest) nodes.push_back(std::move(n));
  return nodes;
}

Response rdf_response(const std::vector<Node>& nodes, bool turtle) {
  if (!turtle) {
    Response res = http::json_response(bh::ok, to_jsonld(nodes));
    res.set(http::bh::field::content_type, "application/ld+json; charset=utf-8");
    return res;
  }
  Response res{bh::ok, 11};
  res.set(http::bh::field::content_type, "text/turtle; charset=utf-8");
  res.body() = to_turtle(nodes);
  return res;
}

}  // namespace

Response handle_dcat_catalog_jsonld(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto nodes, catalog_graph(ctx, req));
  return rdf_response(nodes, false);
}

Response handle_dcat_catalog_ttl(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto nodes, catalog_graph(ctx, req));
  return rdf_response(nodes, true);
}

Response handle_dcat_dataset(ApiContext& ctx, Request& req) {
  const std::string& file = req.params["file"];
  auto dot = file.rfind('.');
  std::string ext = dot == std::string::npos ? "" : file.substr(dot + 1);
  if (ext != "ttl" && ext != "jsonld") {
    return http::error_response(Error::not_found("只支持 .jsonld 和 .ttl"));
  }
  auto who = actor_of(req);
  KF_HTTP_ASSIGN(auto e, ctx.catalog.get(who ? &*who : nullptr, file.substr(0, dot)));
  std::vector<Node> nodes;
  std::map<std::string, bool> seen;
  add_dataset(nodes, seen, base_url(req), e);
  // The dataset first, as harvesters expect the primary topic at the top.
  std::stable_partition(nodes.begin(), nodes.end(), [](const Node& n) {
    return !n.types.empty() && n.types[0] == "dcat:Dataset";
  });
  return rdf_response(nodes, ext == "ttl");
}

}  // namespace kf::api
