/** An error the API reports to the client as `{"error":{"code","message","details"}}`. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details = "",
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string): ApiError => new ApiError(400, code, message);
export const notFound = (what: string): ApiError => new ApiError(404, "not_found", `${what} not found`);
export const conflict = (code: string, message: string): ApiError => new ApiError(409, code, message);
