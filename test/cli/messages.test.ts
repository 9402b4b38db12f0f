// Failure codes to sentences: what happened, where, and what to do.
import { describe, expect, it } from "vitest";
import { describeFailure } from "../../src/cli/messages.js";

describe("describeFailure", () => {
  it("adds the source, the advice for the code, and the code", () => {
    expect(describeFailure({ code: "fetch.status", message: "HTTP 403 from www.cna.com.tw", source: "cna" })).toBe(
      "source cna: HTTP 403 from www.cna.com.tw; check the URL in a browser; a 403 or 451 usually means blocked here: give this source a `proxy` [fetch.status]",
    );
  });

  it("still prints an unknown code's message", () => {
    expect(describeFailure({ code: "x.y", message: "something" })).toBe("something [x.y]");
  });
});
