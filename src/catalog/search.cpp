#include "catalog/search.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_set>

namespace kf::catalog {
namespace {

// Decodes one UTF-8 code point at s[i]; advances i. Invalid bytes count as one character.
std::uint32_t next_cp(std::string_view s, std::size_t& i, std::size_t& len) {
  auto c = static_cast<unsigned char>(s[i]);
  len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (i + len > s.size()) len = 1;
  std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1f) : len == 3 ? (c & 0x0f) : (c & 0x07);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
  std::size_t start = i;
  i += len;
  (void)start;
  return cp;
}

bool is_cjk(std::uint32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

// Walks text as runs of CJK characters and ASCII words.
template <typename OnCjkRun, typename OnWord>
void scan(std::string_view text, OnCjkRun on_run, OnWord on_word) {
  std::vector<std::string_view> run;
  std::string word;
  auto flush = [&] {
    if (!run.empty()) on_run(run);
    run.clear();
    if (!word.empty()) on_word(word);
    word.clear();
  };
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t start = i, len = 0;
    std::uint32_t cp = next_cp(text, i, len);
    if (is_cjk(cp)) {
      if (!word.empty()) {
        on_word(word);
        word.clear();
      }
      run.push_back(text.substr(start, len));
    } else if (cp < 0x80 && std::isalnum(static_cast<int>(cp))) {
      if (!run.empty()) {
        on_run(run);
        run.clear();
      }
      word += static_cast<char>(std::tolower(static_cast<int>(cp)));
    } else {
      flush();
    }
  }
  flush();
}

}  // namespace

std::vector<std::string> index_tokens(std::string_view text) {
  std::vector<std::string> out;
  scan(
      text,
      [&](const std::vector<std::string_view>& run) {
        for (std::size_t k = 0; k < run.size(); ++k) {
          out.emplace_back(run[k]);
          if (k + 1 < run.size()) out.push_back(std::string(run[k]) + std::string(run[k + 1]));
        }
      },
      [&](const std::string& w) { out.push_back(w); });
  return out;
}

std::vector<std::string> query_tokens(std::string_view q) {
  std::vector<std::string> out;
  scan(
      q,
      [&](const std::vector<std::string_view>& run) {
        if (run.size() == 1) out.emplace_back(run[0]);
        for (std::size_t k = 0; k + 1 < run.size(); ++k) {
          out.push_back(std::string(run[k]) + std::string(run[k + 1]));
        }
      },
      [&](const std::string& w) { out.push_back(w); });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

SearchIndex::SearchIndex(std::vector<Entry> entries) : entries_(std::move(entries)) {
  for (std::uint32_t d = 0; d < entries_.size(); ++d) {
    const Entry& e = entries_[d];
    std::unordered_map<std::string, float> weights;
    auto add = [&](std::string_view text, float w) {
      for (auto& t : index_tokens(text)) weights[t] = std::max(weights[t], w);
    };
    add(e.meta.name, 5.0f);
    for (const auto& k : e.meta.keywords) add(k, 4.0f);
    add(e.meta.domain, 3.0f);
    add(e.provider_name, 2.0f);
    add(e.meta.department, 1.5f);
    for (const auto& f : e.meta.fields) {
      add(f.label, 2.0f);
      add(f.name, 1.0f);
    }
    add(e.meta.summary, 1.0f);
    add(e.meta.code, 1.0f);
    for (auto& [t, w] : weights) postings_[t].push_back({d, w});
  }
}

namespace {

// The facet value of an entry for each facet (an entry has several formats).
std::vector<std::pair<std::string, std::string>> facet_values(const Entry& e, const std::string& facet) {
  if (facet == "provider") return {{std::to_string(e.provider_id), e.provider_name}};
  if (facet == "domain") return {{e.meta.domain, e.meta.domain}};
  if (facet == "open") return {{e.meta.open_attribute, e.meta.open_attribute}};
  if (facet == "freq") return {{e.meta.update_frequency, e.meta.update_frequency}};
  if (facet == "region") return {{e.meta.region_code, e.region_name}};
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& f : e.meta.formats) out.emplace_back(f, f);
  return out;
}

bool matches(const Entry& e, const std::string& facet, const std::string& want) {
  if (want.empty()) return true;
  for (const auto& [v, label] : facet_values(e, facet)) {
    if (v == want) return true;
  }
  return false;
}

}  // namespace

SearchResult SearchIndex::search(const SearchQuery& q, std::shared_ptr<const SearchIndex> self,
                                 std::shared_ptr<const DownloadCounts> downloads) const {
  // 1. Text match: every query token must occur; the score sums weight × idf.
  std::vector<float> score(entries_.size(), 0.0f);
  std::vector<std::uint32_t> candidates;
  auto tokens = query_tokens(q.q);
  if (tokens.empty()) {
    candidates.resize(entries_.size());
    for (std::uint32_t d = 0; d < entries_.size(); ++d) candidates[d] = d;
  } else {
    std::vector<int> hits(entries_.size(), 0);
    for (const auto& t : tokens) {
      auto it = postings_.find(t);
      if (it == postings_.end()) break;
      float idf = std::log(1.0f + static_cast<float>(entries_.size()) / static_cast<float>(it->second.size()));
      for (const auto& p : it->second) {
        ++hits[p.doc];
        score[p.doc] += p.weight * idf;
      }
    }
    for (std::uint32_t d = 0; d < entries_.size(); ++d) {
      if (hits[d] == static_cast<int>(tokens.size())) candidates.push_back(d);
    }
  }
  // 2. Facets: each facet counts over the matches filtered by all the *other* facets, so a
  // chosen value does not hide its alternatives.
  const std::pair<std::string, const std::string*> filters[] = {
      {"provider", &q.provider}, {"domain", &q.domain}, {"open", &q.open},
      {"format", &q.format},     {"freq", &q.freq},     {"region", &q.region}};
  SearchResult r;
  r.keep_alive = self;
  r.current_downloads = std::move(downloads);
  std::vector<std::uint32_t> selected;
  for (auto d : candidates) {
    bool all = true;
    for (const auto& [facet, want] : filters) all = all && matches(entries_[d], facet, *want);
    if (all) selected.push_back(d);
  }
  for (const auto& [facet, want] : filters) {
    std::map<std::string, FacetValue> counts;
    for (auto d : candidates) {
      bool others = true;
      for (const auto& [f2, w2] : filters) {
        if (f2 != facet) others = others && matches(entries_[d], f2, *w2);
      }
      if (!others) continue;
      for (const auto& [v, label] : facet_values(entries_[d], facet)) {
        auto& fv = counts[v];
        fv.value = v;
        fv.label = label;
        ++fv.count;
      }
    }
    std::vector<FacetValue> values;
    for (auto& [k, v] : counts) values.push_back(std::move(v));
    std::stable_sort(values.begin(), values.end(),
                     [](const FacetValue& a, const FacetValue& b) { return a.count > b.count; });
    r.facets.emplace_back(facet, std::move(values));
  }
  // 3. Order and page.
  auto by_updated = [&](std::uint32_t a, std::uint32_t b) {
    return entries_[a].updated_at > entries_[b].updated_at;
  };
  if (q.sort == "downloads") {
    std::vector<std::int64_t> count(entries_.size(), 0);
    for (auto d : selected) count[d] = r.downloads(entries_[d]);
    std::stable_sort(selected.begin(), selected.end(), [&](auto a, auto b) {
      return count[a] != count[b] ? count[a] > count[b] : by_updated(a, b);
    });
  } else if (q.sort == "updated" || tokens.empty()) {
    std::stable_sort(selected.begin(), selected.end(), by_updated);
  } else {
    std::stable_sort(selected.begin(), selected.end(), [&](auto a, auto b) {
      return score[a] != score[b] ? score[a] > score[b] : by_updated(a, b);
    });
  }
  r.total = static_cast<int>(selected.size());
  std::size_t from = static_cast<std::size_t>(std::max(0, (q.page - 1) * q.size));
  for (std::size_t i = from; i < selected.size() && i < from + static_cast<std::size_t>(q.size); ++i) {
    r.items.push_back(&entries_[selected[i]]);
  }
  return r;
}

}  // namespace kf::catalog
