// A promise-returning libvirt call run on libuv's thread pool.
//
// `exec` runs off the main thread and may only touch libvirt and the worker's result
// fields; it returns false after a libvirt failure (the error is read from libvirt's
// thread-local last error). `done` turns the results into a JS value on the main thread.
// Rejections are Error objects carrying libvirt's `code` (virErrorNumber) and `domain`.
#ifndef TINYSTACK_VIR_WORKER_H_
#define TINYSTACK_VIR_WORKER_H_

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <napi.h>

#include <functional>
#include <string>

// A failing call's error, saved before a later public libvirt call (such as virDomainFree)
// resets the thread's last error.
inline thread_local virErrorPtr savedError = nullptr;

inline void SaveLastError() {
  if (savedError != nullptr) {
    virFreeError(savedError);
  }
  savedError = virSaveLastError();
}

struct VirResult {
  std::string text;
  int a = 0;
  int b = 0;
  bool isNull = false;
};

class VirWorker : public Napi::AsyncWorker {
 public:
  using Exec = std::function<bool(VirResult&)>;
  using Done = std::function<Napi::Value(Napi::Env, const VirResult&)>;

  VirWorker(Napi::Env env, Napi::Object self, Exec exec, Done done)
      : Napi::AsyncWorker(env, "tinystack-virt"),
        deferred_(Napi::Promise::Deferred::New(env)),
        self_(Napi::Persistent(self)),
        exec_(std::move(exec)),
        done_(std::move(done)) {}

  Napi::Promise Promise() { return deferred_.Promise(); }

  void Execute() override {
    bool ok = exec_(result_);
    virErrorPtr err = savedError != nullptr && savedError->code != VIR_ERR_OK ? savedError : virGetLastError();
    if (!ok) {
      code_ = err ? err->code : VIR_ERR_NO_CONNECT;
      domain_ = err ? err->domain : 0;
      SetError(err && err->message ? err->message : "libvirt connection is not open");
    }
    if (savedError != nullptr) {
      virFreeError(savedError);
      savedError = nullptr;
    }
    virResetLastError();
  }

  void OnOK() override { deferred_.Resolve(done_ ? done_(Env(), result_) : Env().Undefined()); }

  void OnError(const Napi::Error& e) override {
    Napi::Error err = Napi::Error::New(Env(), e.Message());
    err.Set("code", Napi::Number::New(Env(), code_));
    err.Set("domain", Napi::Number::New(Env(), domain_));
    deferred_.Reject(err.Value());
  }

 private:
  Napi::Promise::Deferred deferred_;
  Napi::ObjectReference self_;  // keeps the connection object alive while the call runs
  Exec exec_;
  Done done_;
  VirResult result_;
  int code_ = 0;
  int domain_ = 0;
};

#endif  // TINYSTACK_VIR_WORKER_H_
