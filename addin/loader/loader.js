/*
 * chiso766 loader: the only script the add-in's pages name (after office.js). Hand-written ES5 —
 * no let/const, arrow functions, template strings, classes — so that even Excel's oldest webviews
 * (Internet Explorer 11 "Trident", Edge Legacy "EdgeHTML") can parse it; test/addin/loader.test.ts
 * checks that with esbuild. The add-in's bundles are ES2020: this loader injects one only when
 *   - the webview parses ES2020 (optional chaining, ??), and
 *   - inside Office, Office.context.requirements.isSetSupported("ExcelApi", <minimum>).
 * Otherwise the task pane shows, in Vietnamese, which Excel versions work, what to do, and where to
 * download the same formatted workbook from the Worker; the ribbon command shows that in a dialog.
 *
 * The build writes, before this script, window.chiso766Boot = {kind, bundle, minExcelApi, commands,
 * functions, workerUrl, settingsKey, workbookSettingsKey, dialogTimeoutMs} (scripts/build-addin.ts).
 *
 * The task pane's page is also the shared runtime of the ribbon command and the custom functions
 * (manifest.xml): for each custom function id it associates a stand-in at once — a function Excel calls
 * before its association answers #VALUE! — which runs the bundle's function once it has arrived, and in
 * an Excel the add-in cannot run in answers #VALUE! with the reason.
 */
(function () {
  var boot = window.chiso766Boot || {};
  var decision = null; // null until decided, then {ok: boolean, reason: string}
  var waiting = [];
  var handlers = {};
  var queued = {};

  function parsesEs2020() {
    try {
      // Needs eval-like Function(): the add-in's pages set no Content-Security-Policy that forbids it.
      new Function("a", "return a?.b ?? 0");
      return true;
    } catch (e) {
      return false;
    }
  }

  function excelApiSupported() {
    try {
      return !!Office.context.requirements.isSetSupported("ExcelApi", boot.minExcelApi);
    } catch (e) {
      return false;
    }
  }

  function decide(info) {
    var reason = "";
    if (!parsesEs2020()) reason = "webview";
    else if (info && info.host && !excelApiSupported()) reason = "api";
    decision = { ok: !reason, reason: reason };
    var list = waiting;
    waiting = [];
    for (var i = 0; i < list.length; i++) list[i](decision);
    if (decision.ok) inject();
    else {
      failPendingCalls(reason);
      if (boot.kind === "taskpane") showPaneMessage(reason);
    }
  }

  function whenDecided(callback) {
    if (decision) callback(decision);
    else waiting.push(callback);
  }

  function inject() {
    var script = document.createElement("script");
    script.src = boot.bundle;
    script.onerror = function () {
      decision = { ok: false, reason: "load" };
      failPendingCalls("load");
      if (boot.kind === "taskpane") showPaneMessage("load");
    };
    document.getElementsByTagName("head")[0].appendChild(script);
  }

  // ------------------------------------------------------------------ what an older Excel is told

  function read(get) {
    try {
      return get() || null;
    } catch (e) {
      return null;
    }
  }

  /** The formatted workbook on the Worker, for this workbook's province and period ("<mã tỉnh>" … when unknown). */
  function workbookUrl() {
    var machine = read(function () {
      return JSON.parse(window.localStorage.getItem(boot.settingsKey));
    }) || {};
    var book = read(function () {
      return Office.context.document.settings.get(boot.workbookSettingsKey);
    }) || {};
    var base = String(machine.workerUrl || boot.workerUrl || "").replace(/\/+$/, "");
    var province = book.province || machine.province;
    var period = book.period || machine.period;
    return base + "/v1/provinces/" + (province ? encodeURIComponent(province) : "<mã tỉnh>") + "/periods/" + (period ? encodeURIComponent(period) : "<năm-tháng>") + "/workbook.xlsx";
  }

  function why(reason) {
    if (reason === "api") return "Phiên bản Excel này chưa có bộ lệnh ExcelApi " + boot.minExcelApi + " mà Chỉ số 766 cần.";
    if (reason === "load") return "Không tải được mã của Chỉ số 766 từ máy chủ của add-in; kiểm tra kết nối mạng rồi mở lại.";
    return "Excel đang hiển thị add-in bằng trình duyệt nhúng cũ (Internet Explorer hoặc Edge đời cũ), không chạy được mã của Chỉ số 766.";
  }

  var WORKS = "Chạy được trên: Microsoft 365 (Excel trên Windows, đã cập nhật, có Microsoft Edge WebView2), Excel 2021, Excel 2024, Excel trên web (trình duyệt Edge, Chrome, Firefox, Safari mới) và Excel for Mac 16.x.";
  var TODO = "Cách khắc phục: cập nhật Office (Tệp → Tài khoản → Tùy chọn cập nhật → Cập nhật ngay); với Office 2016/2019 trên Windows, cài Microsoft Edge WebView2 Runtime (https://developer.microsoft.com/microsoft-edge/webview2/) rồi mở lại Excel; hoặc dùng Excel trên web.";
  var DOWNLOAD = "Trong lúc chờ, tải sổ tính Phụ lục 1–4 đã định dạng sẵn từ máy chủ chiso766 (mở được bằng mọi phiên bản Excel):";

  function element(tag, text) {
    var el = document.createElement(tag);
    if (text) el.appendChild(document.createTextNode(text));
    return el;
  }

  function showPaneMessage(reason) {
    var render = function () {
      var box = element("div");
      box.id = "unsupported";
      box.setAttribute("role", "alert");
      box.appendChild(element("h2", "Phiên bản Excel này chưa chạy được Chỉ số 766"));
      box.appendChild(element("p", why(reason)));
      box.appendChild(element("p", WORKS));
      box.appendChild(element("p", TODO));
      var p = element("p", DOWNLOAD + " ");
      var url = workbookUrl();
      if (url.indexOf("<") < 0) {
        var a = element("a", url);
        a.href = url;
        a.target = "_blank";
        a.rel = "noopener";
        p.appendChild(a);
      } else {
        // No province or period known yet: the address's pattern, to fill in.
        p.appendChild(element("code", url));
      }
      box.appendChild(p);
      var body = document.body;
      for (var i = body.children.length - 1; i >= 0; i--) {
        if (body.children[i].tagName !== "SCRIPT") body.children[i].style.display = "none";
      }
      body.insertBefore(box, body.firstChild);
    };
    if (document.body) render();
    else document.addEventListener("DOMContentLoaded", render);
  }

  /** The ribbon in an older Excel: the same message in a dialog; completed once it is closed or after the time limit. */
  function oldHostCommand(event, reason) {
    var done = false;
    var dialog = null;
    var timer = null;
    function complete() {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      try {
        if (dialog) dialog.close();
      } catch (e) {
        /* already closed */
      }
      event.completed();
    }
    var link = workbookUrl();
    var known = link.indexOf("<") < 0;
    var text = why(reason) + "\n" + WORKS + "\n" + TODO + "\n" + DOWNLOAD + (known ? "" : " " + link);
    var page = window.location.href.replace(/[?#].*$/, "").replace(/[^\/]*$/, "") + "result.html";
    var url = page + "?text=" + encodeURIComponent(text) + (known ? "&link=" + encodeURIComponent(link) : "");
    try {
      Office.context.ui.displayDialogAsync(url, { height: 60, width: 40, displayInIframe: true }, function (result) {
        if (result.status !== "succeeded") return complete();
        dialog = result.value;
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, complete);
        dialog.addEventHandler(Office.EventType.DialogEventReceived, function () {
          dialog = null;
          complete();
        });
        timer = setTimeout(complete, boot.dialogTimeoutMs);
      });
    } catch (e) {
      complete();
    }
  }

  // ------------------------------------------------------------------ ribbon commands

  function command(id) {
    return function (event) {
      whenDecided(function (d) {
        if (!d.ok) return oldHostCommand(event, d.reason);
        if (handlers[id]) return handlers[id](event);
        (queued[id] = queued[id] || []).push(event);
      });
    };
  }

  // ------------------------------------------------------------------ custom functions

  var functionIds = boot.functions || [];
  var functions = {};
  var pendingCalls = {};
  var associatedFunctions = false;

  function customFunctionsRuntime() {
    return typeof CustomFunctions !== "undefined" && CustomFunctions && CustomFunctions.associate ? CustomFunctions : null;
  }

  /** #VALUE! with the reason, where Excel has CustomFunctions.Error (CustomFunctionsRuntime 1.2). */
  function functionError(reason) {
    var runtime = customFunctionsRuntime();
    var text = why(reason) + " " + WORKS;
    if (runtime && runtime.Error && runtime.ErrorCode) return new runtime.Error(runtime.ErrorCode.invalidValue, text);
    return new Error(text);
  }

  function promiseType() {
    if (typeof Promise !== "undefined") return Promise;
    return typeof OfficeExtension !== "undefined" && OfficeExtension.Promise ? OfficeExtension.Promise : null;
  }

  function runCall(call) {
    try {
      call.resolve(functions[call.id].apply(null, call.args));
    } catch (e) {
      call.reject(e);
    }
  }

  function failPendingCalls(reason) {
    for (var id in pendingCalls) {
      var calls = pendingCalls[id];
      pendingCalls[id] = [];
      for (var i = 0; i < calls.length; i++) calls[i].reject(functionError(reason));
    }
  }

  /** A stand-in: the real function once the bundle has handed it over; until then a promise of its answer. */
  function customFunction(id) {
    return function () {
      if (functions[id]) return functions[id].apply(null, arguments);
      if (decision && !decision.ok) throw functionError(decision.reason);
      var args = Array.prototype.slice.call(arguments);
      var P = promiseType();
      if (!P) throw functionError("webview");
      return new P(function (resolve, reject) {
        (pendingCalls[id] = pendingCalls[id] || []).push({ id: id, args: args, resolve: resolve, reject: reject });
      });
    };
  }

  function associateFunctions() {
    var runtime = customFunctionsRuntime();
    if (associatedFunctions || !runtime) return;
    associatedFunctions = true;
    for (var i = 0; i < functionIds.length; i++) runtime.associate(functionIds[i], customFunction(functionIds[i]));
  }

  /** The bundle hands over its real command here (addin/excel/ribbon.ts): events that came first run now. */
  window.chiso766Loader = {
    register: function (id, handler) {
      handlers[id] = handler;
      var events = queued[id] || [];
      queued[id] = [];
      for (var i = 0; i < events.length; i++) handler(events[i]);
    },
    /** The bundle's custom function (addin/excel/custom-functions.ts): calls that came first are answered now. */
    registerFunction: function (id, fn) {
      functions[id] = fn;
      var calls = pendingCalls[id] || [];
      pendingCalls[id] = [];
      for (var i = 0; i < calls.length; i++) runCall(calls[i]);
    },
  };

  var ids = boot.commands || [];
  for (var i = 0; i < ids.length; i++) window[ids[i]] = command(ids[i]);
  // As the page is parsed, before any await: Excel may calculate a formula as soon as the runtime starts.
  associateFunctions();

  if (typeof Office === "undefined" || !Office.onReady) {
    // office.js did not load (a plain browser, offline): the bundle's preview says so.
    decide(null);
  } else {
    Office.onReady(function (info) {
      if (Office.actions && Office.actions.associate) {
        for (var j = 0; j < ids.length; j++) Office.actions.associate(ids[j], window[ids[j]]);
      }
      associateFunctions();
      decide(info);
    });
  }
})();
