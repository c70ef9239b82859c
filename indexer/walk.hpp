// Internal: finding the posts under the paths given to `add`.
#pragma once

#include <newsidx/index.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace newsidx::detail {

struct FoundFile {
    std::string path;  ///< absolute, lexically normal
    std::string root;  ///< absolute folder the id is relative to
};

/// Expands files and folders into post files, sorted by path. Folders are
/// walked recursively for *.md / *.markdown, skipping _site, .git,
/// node_modules, vendor, hidden folders, and whatever `excludes` or a
/// .newsidxignore file (one glob per line, # comments; it applies to its
/// folder's subtree) names. Symbolic links to folders inside the tree are
/// not followed unless `follow_symlinks` (their paths go to `skipped_links`);
/// followed, each real folder is walked once (no loops, no posts twice). A
/// folder or file named directly is taken even if it is a link, a file
/// whatever its extension. Unreadable or missing paths go to `errors`.
std::vector<FoundFile> find_posts(const std::vector<std::string>& inputs, const std::vector<std::string>& excludes,
                                  std::vector<FileError>& errors, bool follow_symlinks = false,
                                  std::vector<std::string>* skipped_links = nullptr,
                                  std::vector<std::pair<std::string, std::string>>* notes = nullptr);

/// A post's file name, as a folder walk takes it: *.md or *.markdown, any case.
bool is_post_name(std::string_view name);

/// A folder a walk (and watch) never enters: _site, node_modules, vendor,
/// and hidden ones (.git, .jekyll-cache, .sass-cache, .bundle ...).
bool skipped_folder(std::string_view name);

/// Absolute, lexically normal form of `p` (no symlink resolution).
std::string absolute_path(const std::string& p);

}  // namespace newsidx::detail
