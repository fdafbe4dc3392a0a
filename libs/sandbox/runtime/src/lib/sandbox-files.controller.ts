import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  SANDBOX_API_PREFIX,
  deleteFileQuerySchema,
  listFilesQuerySchema,
  readFileQuerySchema,
  searchRequestSchema,
  writeFileRequestSchema,
  type DeleteFileQuery,
  type ListFilesResponse,
  type ReadFileQuery,
  type ReadFileResponse,
  type SearchResponse,
  type WriteFileRequest,
  type WriteFileResponse,
} from '@patchbay/contracts';
import type { z } from 'zod';
import { SandboxOperationsService } from './sandbox-operations.service';
import { ZodValidationPipe } from '@patchbay/nest-common';

/** The confined file API: every path is resolved inside the sandbox and must stay in /workspace. */
@Controller(SANDBOX_API_PREFIX)
export class SandboxFilesController {
  constructor(private readonly operations: SandboxOperationsService) {}

  @Get(':id/files')
  read(
    @Param('id') id: string,
    @Query(new ZodValidationPipe(readFileQuerySchema)) query: ReadFileQuery,
  ): Promise<ReadFileResponse> {
    return this.operations.readFile(id, query);
  }

  @Put(':id/files')
  write(
    @Param('id') id: string,
    @Body(new ZodValidationPipe(writeFileRequestSchema)) body: WriteFileRequest,
  ): Promise<WriteFileResponse> {
    return this.operations.writeFile(id, body);
  }

  @Delete(':id/files')
  @HttpCode(204)
  remove(
    @Param('id') id: string,
    @Query(new ZodValidationPipe(deleteFileQuerySchema)) query: DeleteFileQuery,
  ): Promise<void> {
    return this.operations.deleteFile(id, query.path);
  }

  @Get(':id/tree')
  list(
    @Param('id') id: string,
    @Query(new ZodValidationPipe(listFilesQuerySchema)) query: z.output<typeof listFilesQuerySchema>,
  ): Promise<ListFilesResponse> {
    return this.operations.list(id, query);
  }

  @Post(':id/search')
  @HttpCode(200)
  search(
    @Param('id') id: string,
    @Body(new ZodValidationPipe(searchRequestSchema)) body: z.output<typeof searchRequestSchema>,
  ): Promise<SearchResponse> {
    return this.operations.search(id, body);
  }
}
