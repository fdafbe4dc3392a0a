import { Module } from '@nestjs/common';
import { AwaitingReviewController } from './awaiting-review.controller';
import { AwaitingReviewService } from './awaiting-review.service';

/** The review queue: what awaits the caller's approval. */
@Module({ controllers: [AwaitingReviewController], providers: [AwaitingReviewService] })
export class ReviewsModule {}
