// newsidx — umbrella header: everything an embedding program needs.
//
// Thread-safety at a glance (each header says more):
//   Analyzer, PostReader      const methods may run on many threads at once.
//   Index                     one writer per index (Xapian's lock), one thread.
//   Searcher                  one thread at a time: open one per thread (cheap),
//                             or lend them from a pool as `newsidx serve` does
//                             (query/server/searcher_pool.hpp).
//   free functions            format_*, mark, read_stats, read_terms,
//                             default_db_path, post_id_for: reentrant.
// Units: sizes in bytes, times in seconds, text in UTF-8, offsets in bytes
// unless a field says code points (Snippet::matches).
#pragma once

#include <newsidx/analyzer.hpp>
#include <newsidx/error.hpp>
#include <newsidx/format.hpp>
#include <newsidx/index.hpp>
#include <newsidx/post.hpp>
#include <newsidx/reader.hpp>
#include <newsidx/searcher.hpp>
#include <newsidx/shards.hpp>
