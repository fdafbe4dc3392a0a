import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { IllegalTaskTransitionError } from '@patchbay/contracts';
import { errorBody, type ErrorBody } from '@patchbay/nest-common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';

/** Postgres error codes that mean the client sent something impossible, not that we broke. */
const CLIENT_SQL_ERRORS: Record<string, { status: number; message: string }> = {
  '22P02': { status: 400, message: 'a value has the wrong format' },
  '22001': { status: 400, message: 'a value is too long' },
  '23505': { status: 409, message: 'it already exists' },
  '23503': { status: 409, message: 'it refers to something that does not exist or is still in use' },
};

/**
 * Every error leaves the API as `{ statusCode, error, message }`. Expected failures keep their
 * status and precise message; anything unexpected is logged in full and answered with a 500
 * that reveals nothing internal.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500)
      this.logger.error({ msg: 'unhandled error', error: exception instanceof Error ? exception : String(exception) });
    if (typeof body['retryAfterSeconds'] === 'number')
      response.setHeader('Retry-After', String(body['retryAfterSeconds']));
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      if (typeof raw === 'string') return errorBody(status, raw);
      const { message, error: _error, statusCode: _statusCode, ...extra } = raw as Record<string, unknown>;
      const text = Array.isArray(message)
        ? message.join('; ')
        : typeof message === 'string'
          ? message
          : exception.message;
      return errorBody(status, text, extra);
    }
    if (exception instanceof IllegalTaskTransitionError) return errorBody(HttpStatus.CONFLICT, exception.message);
    if (exception instanceof QueryFailedError) {
      const code = (exception.driverError as { code?: string } | undefined)?.code;
      const known = code ? CLIENT_SQL_ERRORS[code] : undefined;
      if (known) return errorBody(known.status, `Request refused: ${known.message}`);
    }
    return errorBody(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
  }
}
