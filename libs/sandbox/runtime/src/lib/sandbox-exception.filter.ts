import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { SandboxErrorBody } from '@patchbay/contracts';
import { messageOf } from './container-manager.service';
import { SandboxEngineUnavailableError, SandboxError } from './sandbox-errors';

/** Every error leaves as `{ statusCode, error, message }`. */
@Catch()
export class SandboxExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(SandboxExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    // A missing engine is reported once at start-up; every readiness probe logging it again would bury everything else.
    if (body.statusCode >= 500 && !(exception instanceof SandboxEngineUnavailableError))
      this.logger.error(body.message, exception instanceof Error ? exception.stack : undefined);
    if (response.headersSent) {
      response.end();
      return;
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): SandboxErrorBody {
    if (exception instanceof SandboxError) {
      return { statusCode: exception.statusCode, error: exception.error, message: exception.message };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      const message =
        typeof payload === 'string'
          ? payload
          : typeof payload === 'object' && payload !== null && 'message' in payload
            ? String(payload.message)
            : exception.message;
      return { statusCode: status, error: httpErrorName(status), message };
    }
    return { statusCode: 500, error: 'Internal Server Error', message: `unexpected error: ${messageOf(exception)}` };
  }
}

function httpErrorName(status: number): string {
  const names: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    409: 'Conflict',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
    422: 'Unprocessable Entity',
  };
  return names[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error');
}
