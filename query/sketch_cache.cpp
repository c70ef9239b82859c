#include "sketch_cache.hpp"

#include "schema.hpp"

namespace newsidx::detail {

std::shared_ptr<const PassageSketch> SketchCache::get(Xapian::docid did, const std::function<Xapian::Document()>& fetch) {
    if (auto it = at_.find(did); it != at_.end()) {
        ++hits_;
        lru_.splice(lru_.begin(), lru_, it->second);
        return it->second->sketch;
    }
    ++misses_;
    auto sketch = std::make_shared<const PassageSketch>(fetch().get_value(schema::kSlotPassages), did);
    const std::size_t bytes = sketch->footprint();
    if (bytes > capacity_) return sketch;  // never kept (capacity 0, or a sketch larger than all of it)
    while (bytes_ + bytes > capacity_ && !lru_.empty()) {
        bytes_ -= lru_.back().bytes;
        at_.erase(lru_.back().did);
        lru_.pop_back();
    }
    lru_.push_front({did, sketch, bytes});
    at_.emplace(did, lru_.begin());
    bytes_ += bytes;
    return sketch;
}

void SketchCache::clear() {
    lru_.clear();
    at_.clear();
    bytes_ = 0;
}

}  // namespace newsidx::detail
