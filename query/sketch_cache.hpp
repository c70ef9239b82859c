// Internal: the decoded passage sketches (schema/passages.hpp) a Searcher
// keeps between its queries. Re-ranking reads the sketch of up to
// kRerankDepth hits a query, and the same posts come back query after query
// (a batch of 1,737 questions over 2,141 posts read 82,630 sketches of 2,141
// posts): each read is a B-tree lookup and a copy of the value, and over a
// remote shard a round trip for the whole document (Xapian 1.4 fetches a
// remote document in one request each), so a kept sketch spares reading its
// document at all. Bounded in
// bytes, least recently used out first; emptied whenever the Searcher opens,
// moves to a newer revision or loses a shard (a docid may then stand for
// another post). One per
// Searcher, which is used by one thread at a time.
#pragma once

#include "passages.hpp"

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <unordered_map>

namespace newsidx::detail {

class SketchCache {
public:
    /// capacity: bytes of sketches kept (0: none, every get() reads).
    explicit SketchCache(std::size_t capacity) : capacity_(capacity) {}

    /// The sketch of document `did` (its value slot kSlotPassages), from the
    /// cache, else read now from `fetch()`, the document, which is only
    /// called then; `did` is its docid in the database searched (the MSet's:
    /// over shards, Xapian 1.4's Document::get_docid() is the shard's own,
    /// which two shards share). Throws Error naming the document when the
    /// value is damaged.
    std::shared_ptr<const PassageSketch> get(Xapian::docid did, const std::function<Xapian::Document()>& fetch);
    /// Forget every sketch (the index moved to another revision).
    void clear();

    std::size_t bytes() const { return bytes_; }
    std::size_t hits() const { return hits_; }
    std::size_t misses() const { return misses_; }

private:
    struct Entry {
        Xapian::docid did;
        std::shared_ptr<const PassageSketch> sketch;
        std::size_t bytes;
    };
    std::list<Entry> lru_;  // most recently used first
    std::unordered_map<Xapian::docid, std::list<Entry>::iterator> at_;
    std::size_t capacity_, bytes_ = 0, hits_ = 0, misses_ = 0;
};

}  // namespace newsidx::detail
