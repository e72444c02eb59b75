// Full-text search of the catalog (CAT-6) in memory: an inverted index of Chinese character
// unigrams and bigrams and of lower-cased Latin words, over names, summaries, keywords, field
// labels, provider and domain; facets counted over the matches; paging and sorting.
// Immutable once built, so searches need no lock; the service swaps in a new index when the
// catalog changes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "catalog/entry.h"

namespace kf::catalog {

struct SearchQuery {
  std::string q;
  std::string provider;  // provider id as text
  std::string domain;
  std::string open;
  std::string format;
  std::string freq;
  std::string region;
  std::string sort = "relevance";  // relevance | updated | downloads
  int page = 1;
  int size = 20;
};

struct FacetValue {
  std::string value;
  std::string label;
  int count = 0;
};

// Current download counts of published entries: entry id → downloads (entries not listed: 0).
// Downloads do not rebuild the index, so the counts the index was built with lag behind.
using DownloadCounts = std::unordered_map<std::int64_t, std::int64_t>;

struct SearchResult {
  int total = 0;
  std::vector<const Entry*> items;  // point into the index the result keeps alive
  std::vector<std::pair<std::string, std::vector<FacetValue>>> facets;
  std::shared_ptr<const void> keep_alive;
  // The counts the search ranked by (null: the index's own). Show an item's downloads with
  // downloads(), never Entry::downloads, which is as old as the index.
  std::shared_ptr<const DownloadCounts> current_downloads;
  std::int64_t downloads(const Entry& e) const {
    if (!current_downloads) return e.downloads;
    auto it = current_downloads->find(e.id);
    return it == current_downloads->end() ? 0 : it->second;
  }
};

// Splits text into search tokens: each CJK character, each pair of adjacent CJK characters,
// and each lower-cased run of ASCII letters and digits.
std::vector<std::string> index_tokens(std::string_view text);
// The tokens a query must all match: bigrams of CJK runs (a single CJK character stays a
// unigram) and lower-cased ASCII words.
std::vector<std::string> query_tokens(std::string_view q);

class SearchIndex {
 public:
  explicit SearchIndex(std::vector<Entry> entries);
  // `downloads`: current counts to sort by (sort = downloads) and to show; null uses the counts
  // the entries had when the index was built.
  SearchResult search(const SearchQuery& q, std::shared_ptr<const SearchIndex> self,
                      std::shared_ptr<const DownloadCounts> downloads = nullptr) const;
  std::size_t size() const { return entries_.size(); }
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  struct Posting {
    std::uint32_t doc;
    float weight;
  };
  std::vector<Entry> entries_;
  std::unordered_map<std::string, std::vector<Posting>> postings_;
};

}  // namespace kf::catalog
