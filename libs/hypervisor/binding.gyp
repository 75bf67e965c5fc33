{
  "targets": [
    {
      "target_name": "tinystack_virt",
      "sources": ["native/addon.cc", "native/connection.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "dependencies": ["<!(node -p \"require('node-addon-api').targets\"):node_addon_api_except"],
      "cflags_cc": ["-std=c++17", "-Wall", "-Wextra", "-Wno-unused-parameter"],
      "libraries": ["<!@(pkg-config --libs libvirt)"],
      "cflags": ["<!@(pkg-config --cflags libvirt)"]
    }
  ]
}
