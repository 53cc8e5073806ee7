import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadModelsRepository } from '@app/projections';
import { AuthGuard } from '../access/auth.guard';

@ApiTags('projections')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('v1/projections')
export class ProjectionsController {
  constructor(private readonly readModels: ReadModelsRepository) {}

  @Get()
  @ApiOperation({
    summary: 'Head of the event store and how far each projection has got',
    description:
      'position: every event at or below it is applied (low-water mark). lagEvents: committed events not yet applied. partitions: the same per partition of the projection. ' +
      'parked: stored events the projection could not apply (its fold or the write of its cells failed); they count in no report, ' +
      'and the projection went on past them. parkedEvents lists them (the first 100 by position) with the error, for an administrator to act on.',
  })
  status() {
    return this.readModels.status();
  }
}
